using System.IO.Hashing;
using System.Text;
using HrConnector.Mapping;

namespace HrConnector.Provisioning;

/// <summary>
/// Resolves the identity properties that reference another identity (<see cref="IdentityReference.IdentityId"/>): the
/// HR key a navigation holds becomes the identifier of the identity linked to that record, read from this run's links.
/// A record without an identity (not linked yet, never, or whose identity was deleted) gives an empty value: the
/// reference is pending, and the first run after that record has an identity sets it, because the fingerprint of a
/// reference is the hash of the identity identifier it resolves to, not of the HR key.
/// </summary>
internal sealed class References
{
    /// <summary>The encoding of a property without value.</summary>
    private static readonly byte[] NoValue = [ResourcePayload.NoValue];

    private readonly ProvisioningModel _model;
    private readonly IReadOnlyDictionary<string, IdentityLink> _links;

    public References(ProvisioningModel model, IReadOnlyDictionary<string, IdentityLink> links)
    {
        _model = model;
        _links = links;
    }

    /// <summary>The resolver of a model, or <see langword="null"/> when no property is a reference.</summary>
    public static References? Of(ProvisioningModel model, IReadOnlyDictionary<string, IdentityLink> links)
        => model.HasReferences ? new References(model, links) : null;

    /// <summary>The identity of the record <paramref name="hrKey"/>, or <see langword="null"/> when it has none.</summary>
    public string? IdentityOf(object? hrKey)
        => hrKey is string key && _links.TryGetValue(key, out var link) && link.State != IdentityState.Deleted ? link.IdentityId : null;

    /// <summary>The value of a property as provisioned: the identity of the record a reference points to, any other value as it is.</summary>
    public object? ValueOf(IdentityPropertyModel property, object? value) => property.IsReference ? IdentityOf(value) : value;

    /// <summary>Replaces the HR keys of the references in <paramref name="values"/> (indexed as <see cref="ContractIndex.Values"/>) by identity identifiers.</summary>
    public void Resolve(object?[] values)
    {
        foreach (var property in _model.Properties)
        {
            if (property.IsReference)
            {
                values[property.Source.Index] = IdentityOf(values[property.Source.Index]);
            }
        }
    }

    /// <summary>The HR key of the first record a reference of this person points to that has no identity, or <see langword="null"/>.</summary>
    public string? Pending(ReadOnlySpan<byte> person, ReadOnlySpan<byte> contract)
    {
        foreach (var property in _model.Properties)
        {
            if (property.IsReference && ContractIndex.ValueOf(_model, property, person, contract) is string key && IdentityOf(key) is null)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The hash of the identity identifier a reference resolves to (of no value when pending).</summary>
    public ulong Hash(IdentityPropertyModel property, ReadOnlySpan<byte> person, ReadOnlySpan<byte> contract, long seed = 0)
        => IdentityOf(ContractIndex.ValueOf(_model, property, person, contract)) is { } id
            ? XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id), seed)
            : XxHash3.HashToUInt64(NoValue, seed);

    /// <summary>The record hash <paramref name="hash"/> with the identities every reference resolves to, so that a record unchanged in HR whose references resolve otherwise (the target got or changed its identity) is compared again.</summary>
    public ulong Mix(ulong hash, ReadOnlySpan<byte> person, ReadOnlySpan<byte> contract)
    {
        foreach (var property in _model.Properties)
        {
            if (property.IsReference)
            {
                hash = Hash(property, person, contract, unchecked((long)hash));
            }
        }

        return hash;
    }
}
