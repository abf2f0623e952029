using System.Runtime.CompilerServices;

namespace HrConnector.Provisioning;

/// <summary>
/// The default <see cref="IProvisioningJournal"/>: orders and links in memory, thread-safe. It survives a run that was
/// cancelled or failed, not the end of the process: use it for tests and previews, and a durable journal (such as the
/// SQLite one) in production. Keeps the correlation cases and decisions too (<see cref="ICorrelationJournal"/>).
/// </summary>
public sealed class InMemoryProvisioningJournal : IProvisioningJournal, ICorrelationJournal
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ConnectorJournal> _connectors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every entry of a connector, oldest first (for tests and reports).</summary>
    /// <param name="connector">The connector.</param>
    /// <returns>A copy of the entries.</returns>
    public IReadOnlyList<JournalEntry> GetEntries(string connector)
    {
        lock (_lock)
        {
            return _connectors.TryGetValue(connector, out var journal) ? [.. journal.Order.Select(id => journal.Entries[id])] : [];
        }
    }

    /// <inheritdoc/>
    public Task StageAsync(string connector, string runId, IReadOnlyList<ProvisioningOrder> orders, IReadOnlyCollection<string> cancelledOrderIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(cancelledOrderIds);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var journal = Get(connector);
            if (journal.StagedRun is { } other && !string.Equals(other, runId, StringComparison.Ordinal))
            {
                return Task.FromException(new InvalidOperationException($"The run '{other}' has orders staged: release or discard them before staging the run '{runId}'."));
            }

            RemoveStaged(journal);
            foreach (var order in orders)
            {
                if (journal.Entries.TryAdd(order.Id, new JournalEntry(order, OrderState.Staged, 0, order.CreatedAt)))
                {
                    journal.Order.Add(order.Id);
                }
                else if (journal.Entries[order.Id] is { State: OrderState.Errored or OrderState.Cancelled or OrderState.Stuck } closed)
                {
                    // A new attempt of the same order: its history (attempts, failures) goes on.
                    journal.Reopened[order.Id] = closed;
                    journal.Entries[order.Id] = closed with { Order = order, State = OrderState.Staged, UpdatedAt = order.CreatedAt, InDoubt = false, Handle = null };
                }
            }

            journal.StagedCancellations = [.. cancelledOrderIds];
            journal.StagedRun = runId;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetStagedRunAsync(string connector, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_connectors.TryGetValue(connector, out var journal) ? journal.StagedRun : null);
        }
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(string connector, string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var journal = Get(connector);
            if (!string.Equals(journal.StagedRun, runId, StringComparison.Ordinal))
            {
                return Task.FromException(new InvalidOperationException($"The run '{runId}' has no staged orders."));
            }

            foreach (var id in journal.StagedCancellations)
            {
                if (journal.Entries.TryGetValue(id, out var entry) && entry.State is not (OrderState.Staged or OrderState.Executed or OrderState.Verified or OrderState.Cancelled))
                {
                    journal.Entries[id] = Compact(entry with { State = OrderState.Cancelled });
                }
            }

            foreach (var id in journal.Order)
            {
                var entry = journal.Entries[id];
                if (entry.State == OrderState.Staged)
                {
                    journal.Entries[id] = entry with { State = entry.Order.NotBefore is null ? OrderState.Pending : OrderState.Scheduled };
                }
            }

            journal.Reopened.Clear();
            journal.StagedCancellations = [];
            journal.StagedRun = null;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DiscardAsync(string connector, string runId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var journal = Get(connector);
            if (string.Equals(journal.StagedRun, runId, StringComparison.Ordinal))
            {
                RemoveStaged(journal);
                journal.StagedCancellations = [];
                journal.StagedRun = null;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<JournalEntry> ReadAsync(string connector, bool openOnly, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JournalEntry[] entries;
        lock (_lock)
        {
            entries = _connectors.TryGetValue(connector, out var journal)
                ? [.. journal.Order.Select(id => journal.Entries[id]).Where(e => !openOnly || IsLive(e))]
                : [];
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task UpdateAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var journal = Get(entry.Order.Connector);
            if (!journal.Entries.ContainsKey(entry.Order.Id))
            {
                return Task.FromException(new KeyNotFoundException($"The order '{entry.Order.Id}' is not in the journal."));
            }

            journal.Entries[entry.Order.Id] = Compact(entry);
        }

        return Task.CompletedTask;
    }

    /// <summary>A verified or cancelled entry no longer needs its values: they are dropped, as a durable journal does.</summary>
    private static JournalEntry Compact(JournalEntry entry)
    {
        var order = entry.Order;
        return entry.State is OrderState.Verified or OrderState.Cancelled && order.Changes.Count > 0
            ? entry with { Order = new ProvisioningOrder(order.Id, order.Connector, order.EntityType, order.ResourceKey, order.Kind, order.IdentityId, order.Workflow, [], order.RunId, order.CreatedAt, order.NotBefore) { Reason = order.Reason } }
            : entry;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<IdentityLink> ReadLinksAsync(string connector, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IdentityLink[] links;
        lock (_lock)
        {
            links = _connectors.TryGetValue(connector, out var journal) ? [.. journal.Links.Values] : [];
        }

        foreach (var link in links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return link;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task SetLinkAsync(string connector, IdentityLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        lock (_lock)
        {
            Get(connector).Links[(link.EntityType, link.ResourceKey)] = link;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RemoveLinkAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Get(connector).Links.Remove((entityType, resourceKey));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ReplaceCasesAsync(string connector, string entityType, IReadOnlyList<CorrelationCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        ArgumentNullException.ThrowIfNull(cases);
        lock (_lock)
        {
            var journal = Get(connector);
            foreach (var key in journal.Cases.Keys.Where(k => StringComparer.OrdinalIgnoreCase.Equals(k.EntityType, entityType)).ToList())
            {
                journal.Cases.Remove(key);
            }

            foreach (var found in cases)
            {
                journal.Cases[(found.EntityType, found.ResourceKey)] = found with { Candidates = [.. found.Candidates] };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<CorrelationCase> ReadCasesAsync(string connector, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Sorted(_connectors.TryGetValue(connector, out var journal) ? [.. journal.Cases.Values] : Array.Empty<CorrelationCase>(), c => (c.EntityType, c.ResourceKey), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public Task SetDecisionAsync(string connector, CorrelationDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_lock)
        {
            Get(connector).Decisions[(decision.EntityType, decision.ResourceKey)] = decision;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> RemoveDecisionAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Get(connector).Decisions.Remove((entityType, resourceKey)));
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<CorrelationDecision> ReadDecisionsAsync(string connector, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Sorted(_connectors.TryGetValue(connector, out var journal) ? [.. journal.Decisions.Values] : Array.Empty<CorrelationDecision>(), d => (d.EntityType, d.ResourceKey), cancellationToken);
        }
    }

    /// <summary>The entries a run still works with (<see cref="IProvisioningJournal.ReadAsync"/> with openOnly).</summary>
    internal static bool IsLive(JournalEntry entry) => entry.IsOpen || entry.State is OrderState.Executed or OrderState.Errored or OrderState.Stuck;

    private static async IAsyncEnumerable<T> Sorted<T>(IReadOnlyList<T> items, Func<T, (string EntityType, string Key)> key, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items.OrderBy(i => key(i).EntityType, StringComparer.OrdinalIgnoreCase).ThenBy(i => key(i).Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static void RemoveStaged(ConnectorJournal journal)
    {
        // A reopened entry goes back to what it was; a new one goes away.
        foreach (var (id, closed) in journal.Reopened)
        {
            journal.Entries[id] = closed;
        }

        journal.Reopened.Clear();
        var staged = journal.Order.Where(id => journal.Entries[id].State == OrderState.Staged).ToHashSet(StringComparer.Ordinal);
        if (staged.Count > 0)
        {
            journal.Order.RemoveAll(staged.Contains);
            foreach (var id in staged)
            {
                journal.Entries.Remove(id);
            }
        }
    }

    private ConnectorJournal Get(string connector)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        if (!_connectors.TryGetValue(connector, out var journal))
        {
            journal = new ConnectorJournal();
            _connectors.Add(connector, journal);
        }

        return journal;
    }

    private sealed class ConnectorJournal
    {
        public Dictionary<string, JournalEntry> Entries { get; } = new(StringComparer.Ordinal);

        public List<string> Order { get; } = [];

        public Dictionary<(string EntityType, string Key), IdentityLink> Links { get; } = new(LinkKeyComparer.Instance);

        public string? StagedRun { get; set; }

        public List<string> StagedCancellations { get; set; } = [];

        public Dictionary<string, JournalEntry> Reopened { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string EntityType, string Key), CorrelationCase> Cases { get; } = new(LinkKeyComparer.Instance);

        public Dictionary<(string EntityType, string Key), CorrelationDecision> Decisions { get; } = new(LinkKeyComparer.Instance);
    }

    private sealed class LinkKeyComparer : IEqualityComparer<(string EntityType, string Key)>
    {
        public static readonly LinkKeyComparer Instance = new();

        public bool Equals((string EntityType, string Key) x, (string EntityType, string Key) y)
            => StringComparer.OrdinalIgnoreCase.Equals(x.EntityType, y.EntityType) && StringComparer.Ordinal.Equals(x.Key, y.Key);

        public int GetHashCode((string EntityType, string Key) obj)
            => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.EntityType), StringComparer.Ordinal.GetHashCode(obj.Key));
    }
}
