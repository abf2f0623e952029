using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HrConnector.Modeling;

namespace HrConnector.Csv;

/// <summary>Validates the declared CSV connections and builds them (file choice, encoding, culture, characters, limits, completeness contracts).</summary>
/// <param name="options">The declared connections.</param>
/// <param name="baseDirectory">The folder relative paths are resolved against, or <see langword="null"/> for the current directory.</param>
/// <param name="errors">Where problems are gathered.</param>
internal sealed class CsvConnectionFactory(IList<CsvConnectionOptions> options, string? baseDirectory, OptionErrors errors)
{
    private readonly IList<CsvConnectionOptions> _options = options;
    private readonly string? _baseDirectory = baseDirectory;
    private readonly OptionErrors _errors = errors;

    public Dictionary<string, CsvConnection> Build()
    {
        var result = new Dictionary<string, CsvConnection>(StringComparer.OrdinalIgnoreCase);
        var declared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var baseDirectory = Path.GetFullPath(_baseDirectory ?? Directory.GetCurrentDirectory());
        for (var c = 0; c < _options.Count; c++)
        {
            var options = _options[c];
            if (!_errors.CheckIdentifier($"The connection #{c + 1}", options.Identifier))
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
            var culture = _errors.ResolveCulture(owner, options.Culture) ?? CultureInfo.InvariantCulture;
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
}
