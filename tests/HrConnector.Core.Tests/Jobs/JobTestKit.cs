using System.Runtime.CompilerServices;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Synchronization;

namespace HrConnector.Tests.Jobs;

/// <summary>Connectors and stores for the job tests. Each connector gets a unique identifier: run locks and listeners are process-wide.</summary>
internal static class JobTestKit
{
    public static string UniqueIdentifier(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N");

    /// <summary>The people connector with thresholds off, a unique identifier, and provisioning of people when asked.</summary>
    public static Connector People(string prefix, bool provisioning = true, Action<ProvisioningOptions>? configure = null)
        => Connector.Create(PeopleOptions(prefix, provisioning, configure));

    public static ConnectorOptions PeopleOptions(string prefix, bool provisioning = true, Action<ProvisioningOptions>? configure = null)
    {
        var options = SyncTestKit.Builder().Options;
        options.Identifier = UniqueIdentifier(prefix);
        if (provisioning)
        {
            options.Provisioning = Provisioning(configure);
        }

        return options;
    }

    public static ProvisioningOptions Provisioning(Action<ProvisioningOptions>? configure = null)
    {
        var provisioning = new ProvisioningOptions { EntityType = "Person" };
        provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "GivenName", Source = "FirstName" });
        provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "LastName" });
        PersonConnector.NoRetryDelay(provisioning);
        configure?.Invoke(provisioning);
        return provisioning;
    }

    /// <summary>Copies the declaration of <paramref name="source"/> into options given by DI.</summary>
    public static void CopyTo(ConnectorOptions source, ConnectorOptions target)
    {
        target.Identifier = source.Identifier;
        target.DisplayName = source.DisplayName;
        SyncTestKit.Off(target.Thresholds);
        foreach (var entityType in source.EntityTypes)
        {
            target.EntityTypes.Add(entityType);
        }

        foreach (var connection in source.Connections)
        {
            target.Connections.Add(connection);
        }

        foreach (var mapping in source.Mappings)
        {
            target.Mappings.Add(mapping);
        }

        target.Provisioning = source.Provisioning;
    }

    public static IReadOnlyList<MappingResult> Snapshot(Connector connector, string people)
        => [connector.MapText("Department", SyncTestKit.Departments), connector.MapText("Person", people)];

    public static HrConnector.Jobs.JobRequest Request(Connector connector, string people, bool preview = false)
        => new() { Snapshot = Snapshot(connector, people), PreviewOnly = preview };
}

/// <summary>A resource store that holds every call at a gate until it is opened, and can fail its first commit.</summary>
internal sealed class GatedStore : IResourceStore
{
    private readonly InMemoryResourceStore _inner = new();
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _commitFailures;

    public GatedStore(bool open = true, int commitFailures = 0)
    {
        if (open)
        {
            _gate.SetResult();
        }

        _commitFailures = commitFailures;
    }

    /// <summary>Gets a task that completes when a call reached the gate.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _gate.TrySetResult();

    public async ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        return await _inner.GetSchemaAsync(connector, entityType, cancellationToken);
    }

    public async ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        return await _inner.CountAsync(connector, entityType, cancellationToken);
    }

    public async IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        await foreach (var resource in _inner.ReadAsync(connector, entityType, cancellationToken))
        {
            yield return resource;
        }
    }

    public async ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        return await _inner.GetLastRunIdAsync(connector, cancellationToken);
    }

    public async Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        if (Interlocked.Decrement(ref _commitFailures) >= 0)
        {
            throw new IOException("The store is unreachable.");
        }

        await _inner.CommitAsync(commit, cancellationToken);
    }

    private Task PassAsync(CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        return _gate.Task.WaitAsync(cancellationToken);
    }
}
