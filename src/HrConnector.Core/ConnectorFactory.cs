using HrConnector.Provisioning;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// Validates a <see cref="ConnectorOptions"/> and builds the immutable <see cref="Connector"/>. Every problem is
/// gathered, so that a configuration is fixed in one pass; nothing is built unless there is none.
/// </summary>
internal sealed partial class ConnectorFactory
{
    private readonly List<string> _errors = [];
    private readonly ConnectorOptions _options;

    private ConnectorFactory(ConnectorOptions options) => _options = options;

    public static IReadOnlyList<string> Validate(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = new ConnectorFactory(options);
        factory.Build();
        return factory._errors;
    }

    public static Connector Create(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = new ConnectorFactory(options);
        var connector = factory.Build();
        return factory._errors.Count == 0
            ? connector!
            : throw new ConnectorValidationException(string.IsNullOrWhiteSpace(options.Identifier) ? "(no identifier)" : options.Identifier, factory._errors);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    private Connector? Build()
    {
        CheckIdentifier("The connector", _options.Identifier);
        CheckThresholds("The connector", _options.Thresholds);
        if (!Enum.IsDefined(_options.DanglingReferences))
        {
            _errors.Add($"The connector has an unknown DanglingReferences policy '{_options.DanglingReferences}'.");
        }

        CheckSchedule(_options.Schedule);
        var entityTypes = BuildEntityTypes();
        var connections = BuildConnections();
        var mappings = BuildMappings(entityTypes, connections);
        var provisioning = _options.Provisioning is { } options ? ProvisioningModel.Build(options, entityTypes, _errors) : null;
        if (provisioning is not null && !mappings.ContainsKey(provisioning.EntityType.Identifier))
        {
            _errors.Add($"Provisioning feeds identities from the entity type '{provisioning.EntityType.Identifier}', which no mapping reads.");
        }

        return _errors.Count == 0
            ? new Connector(new ConnectorModel(_options.Identifier, _options.DisplayName, [.. entityTypes.Values], [.. connections.Values], mappings, ThresholdLimits.From(_options.Thresholds), _options.DanglingReferences) { DefinitionHash = ConnectorDefinition.Hash(_options) }, provisioning)
            : null;
    }

    /// <summary>
    /// Checks what the library can check of a schedule: a cron expression is there, and the time zone exists on this
    /// system. The cron syntax is the scheduler's (HrConnector.Quartz checks it when the host starts).
    /// </summary>
    private void CheckSchedule(ScheduleOptions? schedule)
    {
        if (schedule is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(schedule.Cron))
        {
            _errors.Add("The connector has a Schedule without a cron expression (Schedule:Cron), such as '0 0 2 * * ?' for every day at 02:00.");
        }

        if (string.IsNullOrWhiteSpace(schedule.TimeZone))
        {
            _errors.Add("The connector has an empty time zone (Schedule:TimeZone): leave it out for UTC, or use an IANA id such as Europe/Paris or a Windows id such as Romance Standard Time.");
            return;
        }

        try
        {
            schedule.ResolveTimeZone();
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            _errors.Add($"The connector has the time zone '{schedule.TimeZone}' (Schedule:TimeZone), which this system does not know: use an IANA id such as Europe/Paris or a Windows id such as Romance Standard Time.");
        }
    }

    private bool CheckIdentifier(string owner, string? identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            _errors.Add($"{owner} has no identifier.");
            return false;
        }

        if (!IdentifierPattern().IsMatch(identifier))
        {
            _errors.Add($"{owner} has the identifier '{identifier}', which is not valid: use letters, digits and underscores, starting with a letter or an underscore.");
            return false;
        }

        return true;
    }

    private Dictionary<string, EntityType> BuildEntityTypes()
    {
        var result = new Dictionary<string, EntityType>(StringComparer.OrdinalIgnoreCase);
        if (_options.EntityTypes.Count == 0)
        {
            _errors.Add("The connector declares no entity type.");
        }

        var known = new HashSet<string>(_options.EntityTypes.Select(e => e.Identifier ?? string.Empty), StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < _options.EntityTypes.Count; e++)
        {
            var options = _options.EntityTypes[e];
            if (!CheckIdentifier($"The entity type #{e + 1}", options.Identifier))
            {
                continue;
            }

            var owner = $"The entity type '{options.Identifier}'";
            if (result.ContainsKey(options.Identifier))
            {
                _errors.Add($"{owner} is declared more than once (identifiers are compared ignoring case).");
                continue;
            }

            var properties = new List<EntityProperty>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var scalar in options.Properties)
            {
                if (CheckIdentifier($"A property of {owner[4..]}", scalar.Identifier) && AddName(names, owner, scalar.Identifier))
                {
                    if (!Enum.IsDefined(scalar.Type))
                    {
                        _errors.Add($"The property '{options.Identifier}.{scalar.Identifier}' has an unknown type '{scalar.Type}'; use one of {string.Join(", ", Enum.GetNames<PropertyType>())}.");
                    }

                    properties.Add(new EntityProperty(scalar.Identifier, properties.Count, scalar.Type, null, scalar.IsMultiValued, scalar.IsRequired, scalar.IsSensitive));
                }
            }

            foreach (var navigation in options.NavigationProperties)
            {
                if (!CheckIdentifier($"A navigation property of {owner[4..]}", navigation.Identifier) || !AddName(names, owner, navigation.Identifier))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(navigation.TargetEntityType))
                {
                    _errors.Add($"The navigation property '{options.Identifier}.{navigation.Identifier}' has no target entity type.");
                }
                else if (!known.Contains(navigation.TargetEntityType))
                {
                    _errors.Add($"The navigation property '{options.Identifier}.{navigation.Identifier}' refers to the entity type '{navigation.TargetEntityType}', which the connector does not declare.");
                }

                var target = _options.EntityTypes.FirstOrDefault(t => string.Equals(t.Identifier, navigation.TargetEntityType, StringComparison.OrdinalIgnoreCase))?.Identifier ?? navigation.TargetEntityType ?? string.Empty;
                properties.Add(new EntityProperty(navigation.Identifier, properties.Count, PropertyType.String, target, navigation.IsMultiValued, navigation.IsRequired, isSensitive: false));
            }

            if (options.Thresholds is not null)
            {
                CheckThresholds(owner, options.Thresholds);
            }

            result.Add(options.Identifier, new EntityType(options.Identifier, options.DisplayName, properties, options.Thresholds is null ? null : ThresholdLimits.From(options.Thresholds)));
        }

        return result;
    }

    private void CheckThresholds(string owner, ThresholdOptions thresholds)
    {
        foreach (var (name, value) in new[] { ("MaxInserted", thresholds.MaxInserted), ("MaxUpdated", thresholds.MaxUpdated), ("MaxDeleted", thresholds.MaxDeleted) })
        {
            if (value < 0)
            {
                _errors.Add($"{owner} has the threshold {name} {value.ToString(CultureInfo.InvariantCulture)}; it must be 0 (off) or more.");
            }
        }

        foreach (var (name, value) in new[] { ("MaxInsertedPercent", thresholds.MaxInsertedPercent), ("MaxUpdatedPercent", thresholds.MaxUpdatedPercent), ("MaxDeletedPercent", thresholds.MaxDeletedPercent) })
        {
            if (value is < 0 or > 100 || double.IsNaN(value))
            {
                _errors.Add($"{owner} has the threshold {name} {value.ToString(CultureInfo.InvariantCulture)}; it must be between 0 (off) and 100.");
            }
        }
    }

    private bool AddName(HashSet<string> names, string owner, string identifier)
    {
        if (names.Add(identifier))
        {
            return true;
        }

        _errors.Add($"{owner} declares the property '{identifier}' more than once (identifiers are compared ignoring case, across scalar and navigation properties).");
        return false;
    }

    private Dictionary<string, CsvConnection> BuildConnections()
    {
        var result = new Dictionary<string, CsvConnection>(StringComparer.OrdinalIgnoreCase);
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var baseDirectory = Path.GetFullPath(_options.BaseDirectory ?? Directory.GetCurrentDirectory());
        for (var c = 0; c < _options.Connections.Count; c++)
        {
            var options = _options.Connections[c];
            if (!CheckIdentifier($"The connection #{c + 1}", options.Identifier))
            {
                continue;
            }

            var owner = $"The connection '{options.Identifier}'";
            if (!declared.Add(options.Identifier))
            {
                _errors.Add($"{owner} is declared more than once (identifiers are compared ignoring case).");
                continue;
            }

            var errorCount = _errors.Count;
            Regex? pattern = null;
            if (string.IsNullOrWhiteSpace(options.Path) == string.IsNullOrWhiteSpace(options.Directory))
            {
                _errors.Add($"{owner} must set exactly one of Path and Directory.");
            }
            else if (!string.IsNullOrWhiteSpace(options.Directory))
            {
                pattern = BuildPattern(owner, options.FileNamePattern);
            }
            else if (options.FileNamePattern is not null)
            {
                _errors.Add($"{owner} sets FileNamePattern, which only applies with Directory.");
            }

            var encoding = string.Equals(options.Encoding?.Trim(), CsvDefaults.AutoEncoding, StringComparison.OrdinalIgnoreCase)
                ? ResolveFallbackEncoding(owner, options.FallbackEncoding)
                : ResolveEncoding(owner, options.Encoding);
            CheckCharacters(owner, options);
            var culture = ResolveCulture(owner, options.Culture) ?? CultureInfo.InvariantCulture;
            CheckNumbers(owner, options);
            CheckColumns(owner, options);
            var trailer = BuildTrailerPattern(owner, options.TrailerPattern);
            if (_errors.Count == errorCount)
            {
                result.Add(options.Identifier, new CsvConnection(options, encoding!, culture, pattern, baseDirectory, trailer));
            }
        }

        return result;
    }

    private Regex? BuildPattern(string owner, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            _errors.Add($"{owner} reads a folder but has no FileNamePattern to choose the file.");
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            _errors.Add($"{owner} has a FileNamePattern that is not a valid regular expression: {exception.Message}");
            return null;
        }
    }

    private Regex? BuildTrailerPattern(string owner, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            _errors.Add($"{owner} has a TrailerPattern that is not a valid regular expression: {exception.Message}");
            return null;
        }

        if (regex.GroupNumberFromName("count") < 0)
        {
            _errors.Add($"{owner} has a TrailerPattern without a group named 'count' for the record count, such as ^TRAILER;(?<count>\\d+)$.");
            return null;
        }

        return regex;
    }

    private Encoding? ResolveFallbackEncoding(string owner, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            name = CsvDefaults.FallbackEncoding;
        }

        var errorCount = _errors.Count;
        var encoding = ResolveEncoding(owner, name);
        if (encoding is not null && !encoding.IsSingleByte)
        {
            _errors.Add($"{owner} uses the FallbackEncoding '{name}', which is not single-byte: use windows-1252, iso-8859-1 or another single-byte encoding.");
            return null;
        }

        if (_errors.Count > errorCount)
        {
            _errors[^1] = _errors[^1].Replace("the encoding '", "the FallbackEncoding '", StringComparison.Ordinal);
        }

        return encoding;
    }

    private Encoding? ResolveEncoding(string owner, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new UTF8Encoding(false);
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            var encoding = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(name);
            if (encoding is not UnicodeEncoding && !encoding.IsSingleByte && encoding.CodePage != Encoding.UTF8.CodePage)
            {
                _errors.Add($"{owner} uses the encoding '{name}', which is not supported: use UTF-8, UTF-16 or a single-byte encoding such as windows-1252.");
                return null;
            }

            return encoding;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            _errors.Add($"{owner} uses the encoding '{name}', which is unknown: use utf-8, utf-16, utf-16BE, windows-1252, iso-8859-1 or a code page number.");
            return null;
        }
    }

    private void CheckCharacters(string owner, CsvConnectionOptions options)
    {
        CheckCharacter(owner, "Delimiter", options.Delimiter);
        CheckCharacter(owner, "Quote", options.Quote);
        if (options.CommentCharacter is { } comment)
        {
            CheckCharacter(owner, "CommentCharacter", comment);
        }

        if (options.Delimiter == options.Quote || options.Delimiter == options.CommentCharacter || options.Quote == options.CommentCharacter)
        {
            _errors.Add($"{owner} uses the same character for two of Delimiter ('{options.Delimiter}'), Quote ('{options.Quote}') and CommentCharacter ('{options.CommentCharacter}').");
        }
    }

    private void CheckCharacter(string owner, string setting, char value)
    {
        if (value > 127 || value is '\r' or '\n' || value == '\0' || (value is ' ' or '\t' && setting != "Delimiter"))
        {
            _errors.Add($"{owner} has {setting} U+{(int)value:X4}, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter).");
        }
    }

    private CultureInfo? ResolveCulture(string owner, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return CultureInfo.InvariantCulture;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            _errors.Add($"{owner} uses the culture '{name}', which is unknown.");
            return null;
        }
    }

    private void CheckNumbers(string owner, CsvConnectionOptions options)
    {
        if (options.LinesToSkip < 0)
        {
            _errors.Add(FormattableString.Invariant($"{owner} has LinesToSkip {options.LinesToSkip}; it must be 0 or more."));
        }

        if (options.MaxFieldLength < 0)
        {
            _errors.Add(FormattableString.Invariant($"{owner} has MaxFieldLength {options.MaxFieldLength}; it must be 0 (no limit) or more."));
        }

        if (options.MaxRejects < 0)
        {
            _errors.Add(FormattableString.Invariant($"{owner} has MaxRejects {options.MaxRejects}; it must be 0 (no limit) or more."));
        }

        if (options.MaxRejectPercent is < 0 or > 100 || double.IsNaN(options.MaxRejectPercent))
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{owner} has MaxRejectPercent {options.MaxRejectPercent}; it must be between 0 (no limit) and 100."));
        }

        if (options.SettleTime < TimeSpan.Zero)
        {
            _errors.Add(FormattableString.Invariant($"{owner} has SettleTime {options.SettleTime}; it must be 0 (no wait) or more."));
        }

        if (!Enum.IsDefined(options.CutLastRecord))
        {
            _errors.Add(FormattableString.Invariant($"{owner} has CutLastRecord {(int)options.CutLastRecord}; use Fail or RejectAndHoldDeletes."));
        }

        if (!Enum.IsDefined(options.QuoteInUnquotedValue))
        {
            _errors.Add(FormattableString.Invariant($"{owner} has QuoteInUnquotedValue {(int)options.QuoteInUnquotedValue}; use Reject or Literal."));
        }
    }

    private void CheckColumns(string owner, CsvConnectionOptions options)
    {
        if (!options.HasHeader && options.ColumnNames.Count == 0)
        {
            _errors.Add($"{owner} has no header row (HasHeader is false) and no ColumnNames to name its columns.");
        }

        if (options.HasHeader && options.ColumnNames.Count > 0)
        {
            _errors.Add($"{owner} sets ColumnNames, which only apply when HasHeader is false.");
        }

        var comparer = options.CaseInsensitiveHeaders ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var names = new HashSet<string>(comparer);
        foreach (var name in options.ColumnNames)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                _errors.Add($"{owner} has an empty name in ColumnNames.");
            }
            else if (!names.Add(options.CaseInsensitiveHeaders ? name.Trim() : name))
            {
                _errors.Add($"{owner} names the column '{name}' more than once in ColumnNames.");
            }
        }

        if (options.ValuesToTrim.Any(string.IsNullOrEmpty))
        {
            _errors.Add($"{owner} has an empty string in ValuesToTrim.");
        }
    }

    private Dictionary<string, EntityTypeMapping> BuildMappings(Dictionary<string, EntityType> entityTypes, Dictionary<string, CsvConnection> connections)
    {
        var result = new Dictionary<string, EntityTypeMapping>(StringComparer.OrdinalIgnoreCase);
        var mappedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var declaredConnections = new HashSet<string>(_options.Connections.Select(c => c.Identifier ?? string.Empty), StringComparer.OrdinalIgnoreCase);
        for (var m = 0; m < _options.Mappings.Count; m++)
        {
            var options = _options.Mappings[m];
            var owner = string.IsNullOrWhiteSpace(options.EntityType) ? $"The mapping #{m + 1}" : $"The mapping of '{options.EntityType}'";
            var errorCount = _errors.Count;
            entityTypes.TryGetValue(options.EntityType ?? string.Empty, out var entityType);
            if (string.IsNullOrWhiteSpace(options.EntityType))
            {
                _errors.Add($"{owner} names no entity type.");
            }
            else if (entityType is null)
            {
                if (!_options.EntityTypes.Any(e => string.Equals(e.Identifier, options.EntityType, StringComparison.OrdinalIgnoreCase)))
                {
                    _errors.Add($"{owner} names the entity type '{options.EntityType}', which the connector does not declare.");
                }
            }
            else if (!mappedTypes.Add(entityType.Identifier))
            {
                _errors.Add($"{owner} is declared more than once: an entity type is read from one file.");
                continue;
            }

            connections.TryGetValue(options.Connection ?? string.Empty, out var connection);
            if (string.IsNullOrWhiteSpace(options.Connection))
            {
                _errors.Add($"{owner} names no connection.");
            }
            else if (!declaredConnections.Contains(options.Connection))
            {
                _errors.Add($"{owner} names the connection '{options.Connection}', which the connector does not declare.");
            }

            if (string.IsNullOrWhiteSpace(options.KeyColumn))
            {
                _errors.Add($"{owner} has no KeyColumn (the primary key column is required).");
            }
            else if (connection is not null)
            {
                CheckColumn(owner, connection, options.KeyColumn);
            }

            if (options.CommandColumn is not null)
            {
                if (string.IsNullOrWhiteSpace(options.CommandColumn))
                {
                    _errors.Add($"{owner} has an empty CommandColumn.");
                }
                else if (connection is not null)
                {
                    CheckColumn(owner, connection, options.CommandColumn);
                }
            }

            var properties = entityType is null ? [] : BuildPropertyMappings(owner, entityType, connection, options);
            if (_errors.Count == errorCount && entityType is not null && connection is not null)
            {
                result.Add(entityType.Identifier, new EntityTypeMapping(entityType, connection, options.KeyColumn, options.CommandColumn, properties));
            }
        }

        return result;
    }

    private void CheckColumn(string owner, CsvConnection connection, string column)
    {
        if (!connection.HasHeader && !connection.ColumnNames.Contains(connection.CaseInsensitiveHeaders ? column.Trim() : column, connection.HeaderComparer))
        {
            _errors.Add($"{owner} reads the column '{column}', which is not among the ColumnNames of the connection '{connection.Identifier}'.");
        }
    }

    private List<PropertyMapping> BuildPropertyMappings(string owner, EntityType entityType, CsvConnection? connection, EntityTypeMappingOptions options)
    {
        var result = new List<PropertyMapping>();
        var mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var options1 in options.Properties)
        {
            if (string.IsNullOrWhiteSpace(options1.Property))
            {
                _errors.Add($"{owner} has a property mapping that names no property.");
                continue;
            }

            if (!entityType.TryGetProperty(options1.Property, out var property))
            {
                _errors.Add($"{owner} maps the property '{options1.Property}', which the entity type '{entityType.Identifier}' does not declare.");
                continue;
            }

            if (!mapped.Add(property.Identifier))
            {
                _errors.Add($"{owner} maps the property '{property.Identifier}' more than once.");
                continue;
            }

            var mapping = BuildPropertyMapping($"{owner}, property '{property.Identifier}',", property, connection, options.Connection, options1);
            if (mapping is not null)
            {
                result.Add(mapping);
            }
        }

        foreach (var property in entityType.Properties.Where(p => p.IsRequired && !mapped.Contains(p.Identifier)))
        {
            _errors.Add($"{owner} does not map the property '{property.Identifier}', which is required.");
        }

        return result;
    }

    private CultureInfo DeclaredCulture(string? connection)
    {
        var name = _options.Connections.FirstOrDefault(c => string.Equals(c.Identifier, connection, StringComparison.OrdinalIgnoreCase))?.Culture;
        try
        {
            return string.IsNullOrEmpty(name) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private PropertyMapping? BuildPropertyMapping(string owner, EntityProperty property, CsvConnection? connection, string? connectionIdentifier, PropertyMappingOptions options)
    {
        var errorCount = _errors.Count;
        var sources = (options.Column is null ? 0 : 1) + (options.Compute is null ? 0 : 1);
        if (options.Column is not null && string.IsNullOrWhiteSpace(options.Column))
        {
            _errors.Add($"{owner} has an empty Column.");
        }

        if (sources == 0 && options.DefaultValue is null)
        {
            _errors.Add($"{owner} has no source: set a Column, a DefaultValue, or a Compute function.");
        }
        else if (sources == 2)
        {
            _errors.Add($"{owner} sets both a Column and a Compute function; choose one.");
        }

        if (options.Column is { Length: > 0 } column && connection is not null)
        {
            CheckColumn(owner, connection, column);
        }

        var isDate = property.Type is PropertyType.Date or PropertyType.DateTime;
        if (options.Formats.Count > 0 && !isDate)
        {
            _errors.Add($"{owner} sets Formats, which only apply to Date and DateTime properties.");
        }

        if (options.Formats.Any(string.IsNullOrWhiteSpace))
        {
            _errors.Add($"{owner} has an empty format in Formats.");
        }

        if ((options.TrueValues.Count > 0 || options.FalseValues.Count > 0) && property.Type != PropertyType.Boolean)
        {
            _errors.Add($"{owner} sets TrueValues or FalseValues, which only apply to Boolean properties.");
        }

        var overlap = options.TrueValues.Intersect(options.FalseValues, StringComparer.OrdinalIgnoreCase).ToList();
        if (overlap.Count > 0)
        {
            _errors.Add($"{owner} has tokens that are both true and false: {string.Join(", ", overlap.Select(t => $"'{t}'"))}.");
        }

        if (property.IsMultiValued && options.Column is not null && string.IsNullOrEmpty(options.Separator))
        {
            _errors.Add($"{owner} reads a multi-valued property from a column but has no Separator.");
        }
        else if (!property.IsMultiValued && options.Separator is not null)
        {
            _errors.Add($"{owner} sets a Separator, but the property is not multi-valued.");
        }

        // Without a valid connection, the culture it declares (or the invariant one) stands in so that values are still checked.
        var culture = options.Culture is null ? connection?.Culture ?? DeclaredCulture(connectionIdentifier) : ResolveCulture(owner, options.Culture);
        if (_errors.Count != errorCount || culture is null)
        {
            return null;
        }

        var mapping = new PropertyMapping(property, options, culture);
        CheckConvertible(owner, mapping, "DefaultValue", options.DefaultValue);
        foreach (var (from, to) in options.ValueMap)
        {
            CheckConvertible(owner, mapping, $"the value map entry '{from}'", to);
        }

        return _errors.Count == errorCount ? mapping : null;
    }

    private void CheckConvertible(string owner, PropertyMapping mapping, string what, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!mapping.Converter.TryWrite(Encoding.UTF8.GetBytes(text), new PayloadBuffer(64), out var failure))
        {
            _errors.Add($"{owner} has {what} '{text}' that does not convert to {mapping.Property.Type}: {failure}");
        }
    }
}
