using System.Globalization;
using System.Text;
using System.Text.Json;
using HrConnector.Provisioning;

namespace HrConnector.Sqlite;

/// <summary>
/// Reads a <see cref="ProvisioningOrder"/> stored as JSON by schema version 1, its values in the typed encoding of
/// <see cref="TypedValues"/>. Version 2 writes <see cref="OrderBinary"/>; entries of migrated files keep their JSON until
/// they are written again.
/// </summary>
internal static class OrderJson
{
    public static ProvisioningOrder Read(string json)
    {
        string? id = null, connector = null, entityType = null, resourceKey = null, identityId = null, workflow = null, runId = null;
        var kind = OrderKind.Added;
        DateTimeOffset createdAt = default;
        DateTimeOffset? notBefore = null;
        var changes = new List<IdentityValueChange>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id": id = reader.GetString(); break;
                case "connector": connector = reader.GetString(); break;
                case "entityType": entityType = reader.GetString(); break;
                case "resourceKey": resourceKey = reader.GetString(); break;
                case "kind": kind = Enum.Parse<OrderKind>(reader.GetString()!); break;
                case "identityId": identityId = reader.GetString(); break;
                case "workflow": workflow = reader.GetString(); break;
                case "runId": runId = reader.GetString(); break;
                case "createdAt": createdAt = ParseTime(reader.GetString()!); break;
                case "notBefore": notBefore = ParseTime(reader.GetString()!); break;
                case "changes":
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        changes.Add(ReadChange(ref reader));
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        return new ProvisioningOrder(id!, connector!, entityType!, resourceKey!, kind, identityId, workflow, changes, runId!, createdAt, notBefore);
    }

    private static IdentityValueChange ReadChange(ref Utf8JsonReader reader)
    {
        string? property = null;
        object? oldValue = null, newValue = null;
        var policy = OwnershipPolicy.OnChange;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "property": property = reader.GetString(); break;
                case "old": oldValue = TypedValues.Read(ref reader); break;
                case "new": newValue = TypedValues.Read(ref reader); break;
                case "policy": policy = Enum.Parse<OwnershipPolicy>(reader.GetString()!); break;
                default: reader.Skip(); break;
            }
        }

        return new IdentityValueChange(property!, oldValue, newValue, policy);
    }

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
