using System.Globalization;
using System.Runtime.CompilerServices;
using HrConnector.Provisioning;

namespace Embedding;

/// <summary>
/// A custom <see cref="IIdentityRepository"/>: the connector's view of the host's <see cref="UserDirectory"/>. It maps
/// identity properties (as named in connector.json) to the host's columns, and makes every write idempotent for its
/// operation id, so that a run resumed after a crash never applies an order twice.
/// </summary>
public sealed class DirectoryIdentityRepository(UserDirectory directory) : IIdentityRepository
{
    private readonly HashSet<string> _operations = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default)
    {
        lock (directory.Sync)
        {
            // IdentityValues compares exactly as the connector does (normalization, numbers, lists as sets).
            IReadOnlyList<Identity> found = [.. directory.Users.Select(ToIdentity)
                .Where(identity => query.Criteria.All(c => IdentityValues.AreEqual(identity.GetValue(c.Property), c.Value, query.Normalization)))];
            return Task.FromResult(found);
        }
    }

    public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (directory.Sync)
        {
            return Task.FromResult(directory.Find(Parse(id)) is { } user ? ToIdentity(user) : null);
        }
    }

    public async IAsyncEnumerable<Identity> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Identity[] identities;
        lock (directory.Sync)
        {
            identities = [.. directory.Users.Select(ToIdentity)];
        }

        foreach (var identity in identities)
        {
            yield return identity;
        }

        await Task.CompletedTask;
    }

    public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        lock (directory.Sync)
        {
            var user = directory.Users.FirstOrDefault(u => u.CreatedBy == operationId)
                ?? directory.Add(Apply(new User { CreatedBy = operationId }, properties));
            _operations.Add(operationId);
            return Task.FromResult(user.Id.ToString(CultureInfo.InvariantCulture));
        }
    }

    public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
        => Write(id, operationId, user => Apply(user, properties));

    public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default)
        => Write(id, operationId, user => user.Enabled = state == IdentityState.Active);

    public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default)
    {
        lock (directory.Sync)
        {
            directory.Remove(Parse(id));
            _operations.Add(operationId);
            return Task.CompletedTask;
        }
    }

    private Task Write(string id, string operationId, Action<User> write)
    {
        lock (directory.Sync)
        {
            // In a database, record the operation id in the same transaction as the write.
            if (_operations.Add(operationId))
            {
                write(directory.Find(Parse(id)) ?? throw new KeyNotFoundException($"The user {id} does not exist."));
            }

            return Task.CompletedTask;
        }
    }

    private static User Apply(User user, IReadOnlyDictionary<string, object?> properties)
    {
        foreach (var (property, value) in properties)
        {
            var text = value?.ToString();
            switch (property)
            {
                case "FirstName": user.GivenName = text; break;
                case "LastName": user.Surname = text; break;
                case "Mail": user.Email = text; break;
                case "Title": user.JobTitle = text; break;
                case "Department": user.Team = text; break;
            }
        }

        return user;
    }

    private static Identity ToIdentity(User user) => new(
        user.Id.ToString(CultureInfo.InvariantCulture),
        new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["FirstName"] = user.GivenName,
            ["LastName"] = user.Surname,
            ["Mail"] = user.Email,
            ["Title"] = user.JobTitle,
            ["Department"] = user.Team,
        },
        user.Enabled ? IdentityState.Active : IdentityState.Inactive);

    private static int Parse(string id) => int.Parse(id, CultureInfo.InvariantCulture);
}
