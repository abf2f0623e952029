using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>
/// What every engine knows of a connector below its public facade (<see cref="Connector"/>): the entity types, CSV
/// connections, mappings, thresholds and dangling-reference policy, the hash of the definition; and the reads of its
/// files and of in-memory text. Provisioning's part (<c>ProvisioningModel</c>) lives in the layer above and travels
/// beside it. Immutable, safe to share between threads.
/// </summary>
internal sealed class ConnectorModel
{
    private readonly Dictionary<string, EntityType> _entityTypes;
    private readonly Dictionary<string, EntityTypeMapping> _mappings;
    private readonly Dictionary<string, EntityTypeReader> _readers;

    internal ConnectorModel(
        string identifier,
        string? displayName,
        IReadOnlyList<EntityType> entityTypes,
        IReadOnlyList<CsvConnection> connections,
        Dictionary<string, EntityTypeMapping> mappings,
        Modeling.ThresholdLimits thresholds,
        Modeling.DanglingReferencePolicy danglingReferences)
    {
        Thresholds = thresholds;
        DanglingReferences = danglingReferences;
        Identifier = identifier;
        DisplayName = displayName ?? identifier;
        EntityTypes = entityTypes;
        Connections = connections;
        _entityTypes = entityTypes.ToDictionary(e => e.Identifier, StringComparer.OrdinalIgnoreCase);
        _mappings = mappings;
        Mappings = [.. entityTypes.Where(e => mappings.ContainsKey(e.Identifier)).Select(e => mappings[e.Identifier])];
        _readers = mappings.ToDictionary(m => m.Key, m => new EntityTypeReader(m.Value), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets a hash of the declaration the connector was built from (see <see cref="HrConnector.ConnectorDefinition"/>).</summary>
    internal string DefinitionHash { get; init; } = string.Empty;

    /// <summary>Gets the identifier of the connector.</summary>
    public string Identifier { get; }

    /// <summary>Gets the name shown to people (the identifier when none was declared).</summary>
    public string DisplayName { get; }

    /// <summary>Gets the thresholds that apply to every entity type.</summary>
    public Modeling.ThresholdLimits Thresholds { get; }

    /// <summary>Gets what a synchronization does with a reference to a resource that exists nowhere.</summary>
    public Modeling.DanglingReferencePolicy DanglingReferences { get; }

    /// <summary>Gets the entity types, in declaration order.</summary>
    public IReadOnlyList<EntityType> EntityTypes { get; }

    /// <summary>Gets the CSV connections, in declaration order.</summary>
    public IReadOnlyList<CsvConnection> Connections { get; }

    /// <summary>Gets the entity-type mappings, in the order of their entity types.</summary>
    public IReadOnlyList<EntityTypeMapping> Mappings { get; }

    /// <summary>Gets an entity type by identifier, ignoring case.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The entity type.</returns>
    /// <exception cref="KeyNotFoundException">The connector has no such entity type.</exception>
    public EntityType GetEntityType(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return _entityTypes.TryGetValue(identifier, out var entityType)
            ? entityType
            : throw new KeyNotFoundException($"The connector '{Identifier}' has no entity type '{identifier}'.");
    }

    /// <summary>Gets the mapping of an entity type.</summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="KeyNotFoundException">The entity type has no mapping.</exception>
    public EntityTypeMapping GetMapping(string entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return _mappings.TryGetValue(entityType, out var mapping)
            ? mapping
            : throw new KeyNotFoundException($"The connector '{Identifier}' has no mapping for the entity type '{entityType}'.");
    }

    /// <summary>Reads the file of an entity type: its resources and rejects.</summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The resources and rejects.</returns>
    /// <exception cref="CsvFileException">The file cannot be read as a whole: missing, no header, missing columns, too many rejects.</exception>
    /// <exception cref="KeyNotFoundException">The entity type has no mapping.</exception>
    public MappingResult Read(string entityType, ReadOptions? options = null, CancellationToken cancellationToken = default)
        => Read(entityType, options, previous: null, cancellationToken);

    /// <summary>Reads the file of an entity type, reusing the payloads of rows whose raw record did not change since <paramref name="previous"/>.</summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="previous">What HR said last time, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="clock">The clock the settle time is measured with, or <see langword="null"/> for the system clock.</param>
    internal MappingResult Read(string entityType, ReadOptions? options, ResourceTable? previous, CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        var mapping = GetMapping(entityType);
        var path = mapping.Connection.ResolveFile();
        var before = WaitUntilSettled(path, mapping.Connection.SettleTime, clock ?? TimeProvider.System, cancellationToken);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CsvFileException(path, CsvFileError.Unreadable, 0, [$"the file cannot be opened: {exception.GetType().Name}."], innerException: exception);
        }

        MappingResult result;
        using (stream)
        {
            result = Run(mapping, stream, path, options, enforceLimits: true, cancellationToken, previous);
        }

        var after = Stat(path);
        if (after.Length != before.Length || after.LastWriteTimeUtc != before.LastWriteTimeUtc)
        {
            throw new CsvFileException(path, CsvFileError.StillBeingWritten, 0, ["the file changed while it was read (its size or last write time differs): it is still being written? Read it again once it is complete."]);
        }

        CheckMarker(mapping.Connection, path, result.RowCount);
        return result;
    }

    /// <summary>
    /// Waits until the file was last written at least <paramref name="settle"/> ago, then checks that its size and last
    /// write time did not change meanwhile: a file still being written fails the read. A last write in the future of
    /// the clock (a clock set back, a skewed file server) is not taken for a fresh one.
    /// </summary>
    private static (long Length, DateTime LastWriteTimeUtc) WaitUntilSettled(string path, TimeSpan settle, TimeProvider clock, CancellationToken cancellationToken)
    {
        var before = Stat(path);
        var age = clock.GetUtcNow().UtcDateTime - before.LastWriteTimeUtc;
        if (settle <= TimeSpan.Zero || age < TimeSpan.Zero || age >= settle)
        {
            return before;
        }

        Task.Delay(settle - age, clock, cancellationToken).GetAwaiter().GetResult();
        var after = Stat(path);
        if (after != before)
        {
            throw new CsvFileException(path, CsvFileError.StillBeingWritten, 0, [string.Create(CultureInfo.InvariantCulture, $"the file changed during the settle time of {settle.TotalSeconds:0.#} s (SettleTime): it is still being written. Read it again once it is complete.")]);
        }

        return after;
    }

    /// <summary>Checks the marker file of the connection, if any: it must exist, and a record count in it must match.</summary>
    private static void CheckMarker(CsvConnection connection, string path, long rowCount)
    {
        if (connection.MarkerFile is not { } pattern)
        {
            return;
        }

        var name = pattern.Replace("{name}", Path.GetFileName(path), StringComparison.Ordinal);
        var marker = Path.Combine(Path.GetDirectoryName(path)!, name);
        string text;
        try
        {
            text = File.ReadAllText(marker).Trim();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CsvFileException(path, CsvFileError.MarkerFileMismatch, 0, [$"the marker file '{name}' does not exist (MarkerFile): the export is not complete yet."], innerException: exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CsvFileException(path, CsvFileError.MarkerFileMismatch, 0, [$"the marker file '{name}' cannot be read: {exception.GetType().Name}."], innerException: exception);
        }

        if (text.Length == 0)
        {
            return;
        }

        if (!TryParseMarker(text, out var count, out var hash))
        {
            throw new CsvFileException(path, CsvFileError.MarkerFileMismatch, 0, [$"the marker file '{name}' holds neither nothing nor a record count and/or a SHA-256 hash of the file (64 hexadecimal digits, optionally after 'sha256:') (MarkerFile)."]);
        }

        if (count is { } announced && announced != rowCount)
        {
            throw new CsvFileException(path, CsvFileError.MarkerFileMismatch, 0, [string.Create(CultureInfo.InvariantCulture, $"the marker file '{name}' announces {announced} records, but the file has {rowCount}: it is incomplete, or not the file the marker was written for.")]);
        }

        if (hash is not null)
        {
            byte[] actual;
            try
            {
                // The file is read once more: its bytes were streamed to the reader, which may seek (byte order
                // mark, lines to skip, last line), so hashing them on the way would not be simpler. The OS cache
                // usually still holds them.
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
                actual = SHA256.HashData(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CsvFileException(path, CsvFileError.Unreadable, 0, [$"the file cannot be read again to check its SHA-256 hash (MarkerFile): {exception.GetType().Name}."], innerException: exception);
            }

            if (!CryptographicOperations.FixedTimeEquals(actual, hash))
            {
                throw new CsvFileException(path, CsvFileError.MarkerFileMismatch, 0, [$"the marker file '{name}' holds a SHA-256 hash that differs from the hash of the file: it is incomplete (perhaps cut inside its last value), or not the file the marker was written for."]);
            }
        }
    }

    /// <summary>
    /// Reads a marker: a record count, a SHA-256 hash (64 hexadecimal digits, optionally prefixed with <c>sha256:</c>),
    /// or both separated by whitespace, in any order.
    /// </summary>
    private static bool TryParseMarker(string text, out long? count, out byte[]? hash)
    {
        count = null;
        hash = null;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (count is not null)
                {
                    return false;
                }

                count = number;
                continue;
            }

            var hex = token.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? token["sha256:".Length..] : token;
            if (hash is not null || hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                return false;
            }

            hash = Convert.FromHexString(hex);
        }

        return true;
    }

    /// <summary>Gets the size and last write time of a file.</summary>
    private static (long Length, DateTime LastWriteTimeUtc) Stat(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return (info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CsvFileException(path, CsvFileError.Unreadable, 0, [$"the file cannot be opened: {exception.GetType().Name}."], innerException: exception);
        }
    }

    /// <summary>Reads the files of every mapped entity type, in entity type order.</summary>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>One result per mapped entity type.</returns>
    /// <exception cref="CsvFileException">A file cannot be read as a whole.</exception>
    public IReadOnlyList<MappingResult> ReadAll(ReadOptions? options = null, CancellationToken cancellationToken = default)
        => [.. Mappings.Select(m => Read(m.EntityType.Identifier, options, cancellationToken))];

    /// <summary>
    /// Maps CSV text held in memory exactly as the file of the entity type would be mapped (same delimiter, lines to
    /// skip, header matching, conversions): the file-free entry point for a host's unit tests. The reject limits
    /// (MaxRejects, MaxRejectPercent) do not apply, so that every reject can be inspected.
    /// </summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="csv">The CSV text, header included (unless the connection has none).</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="name">The name that rejects and errors give to the text.</param>
    /// <returns>The resources and rejects.</returns>
    /// <exception cref="CsvFileException">The text cannot be read as a whole.</exception>
    public MappingResult MapText(string entityType, string csv, ReadOptions? options = null, string name = "text.csv")
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(name);
        var mapping = GetMapping(entityType);
        // The UTF-8 byte order mark makes the text read as UTF-8 whatever the connection's encoding.
        using var stream = new MemoryStream([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv)], writable: false);
        return Run(mapping, stream, name, options, enforceLimits: false, CancellationToken.None);
    }

    /// <summary>
    /// Maps one row given as column → text, with the conversions of the entity type's mapping (delimiter, quoting and
    /// lines to skip do not apply). Handy to test a mapping one case at a time.
    /// </summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="row">The columns of the row and their text; <see langword="null"/> is an empty field.</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <returns>The result: one resource, or the rejects of the row.</returns>
    /// <exception cref="CsvFileException">A column that the mapping reads is missing from <paramref name="row"/>.</exception>
    public MappingResult MapRow(string entityType, IReadOnlyDictionary<string, string?> row, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        var mapping = GetMapping(entityType);
        var connection = mapping.Connection;
        var rowConnection = new CsvConnectionOptions
        {
            Identifier = connection.Identifier,
            Path = "row.csv",
            TrimWhitespace = connection.TrimWhitespace,
            CaseInsensitiveHeaders = connection.CaseInsensitiveHeaders,
            MaxFieldLength = connection.MaxFieldLength,
            MaxRejectPercent = 0,
        };
        foreach (var token in connection.ValuesToTrim)
        {
            rowConnection.ValuesToTrim.Add(token);
        }

        var rowMapping = new EntityTypeMapping(
            mapping.EntityType,
            new CsvConnection(rowConnection, new UTF8Encoding(false), connection.Culture, null, Path.GetTempPath()),
            mapping.KeyColumn,
            mapping.CommandColumn,
            mapping.Properties);
        var text = new StringBuilder();
        text.AppendJoin(',', row.Keys.Select(Quote)).Append('\n');
        text.AppendJoin(',', row.Values.Select(v => Quote(v ?? string.Empty))).Append('\n');
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()), writable: false);
        return Run(rowMapping, stream, "row", options, enforceLimits: false, CancellationToken.None);

        // Quoted only when needed: like an unquoted field of a file, a value is then trimmed as the connection says.
        // An empty value is quoted so that a one-column row is not a blank line.
        static string Quote(string value) => value.Length > 0 && value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <inheritdoc/>
    public override string ToString() => Identifier;

    private MappingResult Run(EntityTypeMapping mapping, Stream stream, string file, ReadOptions? options, bool enforceLimits, CancellationToken cancellationToken, ResourceTable? previous = null)
    {
        var reader = ReferenceEquals(mapping, _mappings[mapping.EntityType.Identifier])
            ? _readers[mapping.EntityType.Identifier]
            : new EntityTypeReader(mapping);
        try
        {
            return reader.Read(stream, file, options ?? ReadOptions.Default, enforceLimits, cancellationToken, previous);
        }
        catch (IOException exception)
        {
            throw new CsvFileException(file, CsvFileError.Unreadable, 0, [string.Create(CultureInfo.InvariantCulture, $"the file cannot be read: {exception.GetType().Name}.")], innerException: exception);
        }
    }
}
