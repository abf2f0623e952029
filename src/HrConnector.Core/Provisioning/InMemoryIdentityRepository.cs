using System.Runtime.CompilerServices;

namespace HrConnector.Provisioning;

/// <summary>
/// The default <see cref="IIdentityRepository"/>: identities in memory, thread-safe, idempotent for operation ids.
/// Identifiers are <c>I000001</c>, <c>I000002</c>… in creation order. Use it for tests, previews and hosts that only
/// need the connector's view of identities. <see cref="WriteBatchAsync"/> applies a batch under one lock.
/// </summary>
public sealed class InMemoryIdentityRepository : IBatchIdentityRepository, IUniqueValueLookup
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Identity> _identities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _valueIndex = new(StringComparer.OrdinalIgnoreCase);
    private int _next;

    /// <summary>Gets the number of identities.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _identities.Count;
            }
        }
    }

    /// <summary>Gets the number of writes executed (a repeated operation id is not counted twice).</summary>
    public int WriteCount
    {
        get
        {
            lock (_lock)
            {
                return _operations.Count;
            }
        }
    }

    /// <summary>Adds an identity as if it had been created by hand (before the HR feed existed, for example).</summary>
    /// <param name="properties">Its values.</param>
    /// <param name="state">Its state.</param>
    /// <returns>Its identifier.</returns>
    public string Add(IReadOnlyDictionary<string, object?> properties, IdentityState state = IdentityState.Active)
    {
        ArgumentNullException.ThrowIfNull(properties);
        lock (_lock)
        {
            var id = NewId();
            _identities[id] = new Identity(id, Copy(properties), state);
            _valueIndex.Clear();
            return id;
        }
    }

    /// <summary>Sets a value as if it had been edited by hand.</summary>
    /// <param name="id">The identity.</param>
    /// <param name="property">The property.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="KeyNotFoundException">There is no such identity.</exception>
    public void Edit(string id, string property, object? value)
    {
        lock (_lock)
        {
            var identity = _identities[id];
            var values = Copy(identity.Properties);
            values[property] = value;
            _identities[id] = new Identity(id, values, identity.State);
            _valueIndex.Clear();
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IReadOnlyList<Identity> found = [.. _identities.Values.Where(i => query.Criteria.All(c => IdentityValues.AreEqual(i.GetValue(c.Property), c.Value, query.Normalization)))];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlySet<string>> TakenAsync(string identityProperty, IReadOnlyCollection<string> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identityProperty);
        ArgumentNullException.ThrowIfNull(candidates);
        lock (_lock)
        {
            // An index per property, built at the first lookup after a write: a first load asks once per joiner.
            if (!_valueIndex.TryGetValue(identityProperty, out var values))
            {
                _valueIndex[identityProperty] = values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var identity in _identities.Values)
                {
                    if (identity.GetValue(identityProperty) is string value)
                    {
                        values.Add(value);
                    }
                }
            }

            IReadOnlySet<string> taken = candidates.Where(values.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return Task.FromResult(taken);
        }
    }

    /// <inheritdoc/>
    public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_identities.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Identity> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Identity[] identities;
        lock (_lock)
        {
            identities = [.. _identities.Values];
        }

        foreach (var identity in identities)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return identity;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        lock (_lock)
        {
            if (_operations.TryGetValue(operationId, out var done))
            {
                return Task.FromResult(done!);
            }

            var id = NewId();
            _identities[id] = new Identity(id, Copy(properties), IdentityState.Active);
            _valueIndex.Clear();
            _operations[operationId] = id;
            return Task.FromResult(id);
        }
    }

    /// <inheritdoc/>
    public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return Write(id, operationId, identity =>
        {
            var values = Copy(identity.Properties);
            foreach (var (property, value) in properties)
            {
                values[property] = value;
            }

            return new Identity(id, values, identity.State);
        });
    }

    /// <inheritdoc/>
    public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default)
        => Write(id, operationId, identity => new Identity(id, identity.Properties, state));

    /// <inheritdoc/>
    public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        lock (_lock)
        {
            if (_operations.TryAdd(operationId, id))
            {
                _identities.Remove(id);
                _valueIndex.Clear();
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<IdentityWriteResult>> WriteBatchAsync(IReadOnlyList<IdentityWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new IdentityWriteResult[writes.Count];
        lock (_lock)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                // Each write as its single-item method: a failed one (checked before anything changes) leaves the others.
                var task = Apply(writes[i]);
                results[i] = task.IsFaulted
                    ? new IdentityWriteResult(null, task.Exception!.InnerException)
                    : new IdentityWriteResult(task.Result);
            }
        }

        return Task.FromResult<IReadOnlyList<IdentityWriteResult>>(results);
    }

    private Task<string> Apply(IdentityWrite write)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(write);
            if (write.Kind != IdentityWriteKind.Create)
            {
                ArgumentException.ThrowIfNullOrEmpty(write.IdentityId);
            }

            return write.Kind switch
            {
                IdentityWriteKind.Create => CreateAsync(write.Properties!, write.OperationId),
                IdentityWriteKind.Update => Then(UpdateAsync(write.IdentityId!, write.Properties!, write.OperationId), write.IdentityId!),
                IdentityWriteKind.SetState => Then(SetStateAsync(write.IdentityId!, write.State, write.OperationId), write.IdentityId!),
                _ => Then(DeleteAsync(write.IdentityId!, write.OperationId), write.IdentityId!),
            };
        }
        catch (ArgumentException exception)
        {
            return Task.FromException<string>(exception);
        }

        // The single-item methods complete synchronously (under the lock this batch holds).
        static Task<string> Then(Task task, string id) => task.IsFaulted ? Task.FromException<string>(task.Exception!.InnerException!) : Task.FromResult(id);
    }

    private Task Write(string id, string operationId, Func<Identity, Identity> change)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        lock (_lock)
        {
            if (_operations.ContainsKey(operationId))
            {
                return Task.CompletedTask;
            }

            if (!_identities.TryGetValue(id, out var identity))
            {
                return Task.FromException(new KeyNotFoundException($"The identity '{id}' does not exist."));
            }

            _identities[id] = change(identity);
            _valueIndex.Clear();
            _operations[operationId] = id;
            return Task.CompletedTask;
        }
    }

    private string NewId() => FormattableString.Invariant($"I{++_next:D6}");

    private static Dictionary<string, object?> Copy(IReadOnlyDictionary<string, object?> properties)
        => new(properties, StringComparer.OrdinalIgnoreCase);
}
