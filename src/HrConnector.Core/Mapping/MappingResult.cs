using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Mapping;

/// <summary>
/// What one HR file gave for one entity type: the resources, in file order, and the rejects. Rows that were rejected
/// are not among the resources; every row that carries a duplicated key is rejected.
/// </summary>
public sealed class MappingResult
{
    // Resource objects, made the first time each is asked for (a diff of unchanged rows never asks).
    private Resource?[]? _resources;

    internal MappingResult(
        EntityType entityType,
        string file,
        ResourceRows rows,
        IReadOnlyList<Reject> rejects,
        long rowCount,
        long rejectedRowCount,
        bool isTruncated,
        IReadOnlyDictionary<string, ChangeCommand>? commands = null,
        IReadOnlyList<Deletion>? deletions = null,
        ulong sourceFingerprint = 0)
    {
        SourceFingerprint = sourceFingerprint;
        Rows = rows;

        Commands = commands;
        Deletions = deletions ?? [];
        var rejectedKeys = new HashSet<string>(StringComparer.Ordinal);
        var identified = new HashSet<long>();
        var lines = new HashSet<long>();
        foreach (var reject in rejects)
        {
            lines.Add(reject.Line);
            if (reject.Key is not null)
            {
                rejectedKeys.Add(reject.Key);
                identified.Add(reject.Line);
            }
        }

        RejectedKeys = rejectedKeys;
        UnidentifiedRejectedRowCount = lines.Count - identified.Count;
        EntityType = entityType;
        File = file;
        Resources = new ResourceList(this);
        Rejects = rejects;
        RowCount = rowCount;
        RejectedRowCount = rejectedRowCount;
        IsTruncated = isTruncated;
    }

    /// <summary>Gets the entity type read.</summary>
    public EntityType EntityType { get; }

    /// <summary>Gets the path of the file read, or the name given to in-memory text.</summary>
    public string File { get; }

    /// <summary>
    /// Gets the encoding the file was read with: the one of its byte order mark, else the connection's; with
    /// <c>Encoding: auto</c>, UTF-8 when its bytes are valid UTF-8, else the fallback encoding. Its
    /// <see cref="System.Text.Encoding.WebName"/> is reported in <see cref="Jobs.EntityTypeCounts.Encoding"/>.
    /// </summary>
    public System.Text.Encoding Encoding { get; internal init; } = System.Text.Encoding.UTF8;

    /// <summary>Gets the resources, in file order.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>Gets the rejects, in file order (duplicate keys last), one per problem.</summary>
    public IReadOnlyList<Reject> Rejects { get; }

    /// <summary>Gets the number of data rows read (header, skipped lines, blank lines and comments excluded).</summary>
    public long RowCount { get; }

    /// <summary>Gets the number of data rows rejected (a row with several problems counts once).</summary>
    public long RejectedRowCount { get; }

    /// <summary>
    /// Gets a value indicating whether the end of the file could not be read (an unterminated quote swallowed it).
    /// Resources missing from a truncated file must not be taken as deleted.
    /// </summary>
    public bool IsTruncated { get; }

    /// <summary>
    /// Gets why the file counts as incomplete (<see cref="IsTruncated"/>), for messages: a cut last record or an
    /// unterminated quote, with its lines; never a value. <see langword="null"/> when it is complete.
    /// </summary>
    internal string? IncompleteBecause { get; init; }

    /// <summary>
    /// Gets the primary keys of the rejected rows whose key could be read. Synchronization keeps the resources with
    /// these keys as they were: a row HR got wrong today must not delete or blank anyone.
    /// </summary>
    public IReadOnlySet<string> RejectedKeys { get; }

    /// <summary>Gets the number of rejected rows whose key could not be read (empty key, broken quoting): no one knows which resources they were.</summary>
    public long UnidentifiedRejectedRowCount { get; }

    /// <summary>Gets the command of each resource of a changes file (insert, update or merge), or <see langword="null"/> for a full file.</summary>
    public IReadOnlyDictionary<string, ChangeCommand>? Commands { get; }

    /// <summary>Gets the delete rows of a changes file; empty for a full file.</summary>
    public IReadOnlyList<Deletion> Deletions { get; }

    /// <summary>Gets the fingerprint of the mapping and header the resources were made with; 0 when computed properties make it unknowable.</summary>
    internal ulong SourceFingerprint { get; }

    /// <summary>Gets a value indicating whether the reject limits of the connection applied to the read (a file, not in-memory text mapped by a test); the plan then counts its own rejects against them too.</summary>
    internal bool LimitsEnforced { get; init; }

    /// <summary>Gets the resources as arrays, for the engines that read or diff a million of them.</summary>
    internal ResourceRows Rows { get; }

    /// <summary>Gets a value indicating whether there are rejects.</summary>
    public bool HasRejects => Rejects.Count > 0;

    /// <summary>Looks up a resource by primary key (ordinal comparison).</summary>
    /// <param name="key">The primary key.</param>
    /// <param name="resource">The resource, when found.</param>
    /// <returns>Whether a resource has the key.</returns>
    public bool TryGetResource(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Resource? resource)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = Rows.Find(key);
        resource = row >= 0 ? ResourceAt(row) : null;
        return resource is not null;
    }

    /// <summary>Gets the resource of a row, made on first use and the same object afterwards.</summary>
    internal Resource ResourceAt(int row)
    {
        var resources = _resources ?? Interlocked.CompareExchange(ref _resources, new Resource?[Rows.Count], null) ?? _resources;
        if (resources[row] is { } resource)
        {
            return resource;
        }

        var made = new Resource(EntityType, Rows.KeyString(row), Rows.Payload(row), Rows.Line(row), Rows.NavigationStart(row), Rows.SourceHash(row)) { Index = row };
        return Interlocked.CompareExchange(ref resources[row], made, null) ?? made;
    }

    /// <summary>The resources in file order, made on demand.</summary>
    private sealed class ResourceList(MappingResult owner) : IReadOnlyList<Resource>
    {
        public int Count => owner.Rows.Count;

        public Resource this[int index]
            => (uint)index < (uint)owner.Rows.Count ? owner.ResourceAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<Resource> GetEnumerator()
        {
            for (var i = 0; i < owner.Rows.Count; i++)
            {
                yield return owner.ResourceAt(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
