using System.Globalization;
using System.Text;

namespace HrConnector.Provisioning;

/// <summary>
/// Turns text (a person's names) into an identifier, as generated identity values are (see
/// <see cref="GeneratedValueOptions"/>): diacritics removed and letters transliterated (é → e, ß → ss, ø → o, æ → ae),
/// case set, spaces and apostrophes removed or replaced, every other character dropped, runs of <c>.</c>, <c>-</c>,
/// <c>_</c> made one, none at either end, and the result cut to a maximum length. Normalizing an identifier again
/// changes nothing.
/// </summary>
public static class IdentifierNormalizer
{
    /// <summary>The letters that Unicode decomposition does not turn into ASCII, and what they become.</summary>
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss", ['ẞ'] = "SS",
        ['ø'] = "o", ['Ø'] = "O",
        ['æ'] = "ae", ['Æ'] = "AE",
        ['œ'] = "oe", ['Œ'] = "OE",
        ['ł'] = "l", ['Ł'] = "L",
        ['đ'] = "d", ['Đ'] = "D",
        ['ð'] = "d", ['Ð'] = "D",
        ['þ'] = "th", ['Þ'] = "TH",
        ['ı'] = "i", ['ĸ'] = "k",
        ['ŀ'] = "l", ['Ŀ'] = "L",
        ['ŉ'] = "n", ['ſ'] = "s",
        ['ħ'] = "h", ['Ħ'] = "H",
        ['ŧ'] = "t", ['Ŧ'] = "T",
    };

    /// <summary>Normalizes text into an identifier.</summary>
    /// <param name="value">The text.</param>
    /// <param name="options">How; <see langword="null"/> for the defaults (lower case, diacritics removed, spaces and apostrophes removed, no length limit).</param>
    /// <returns>The identifier, possibly empty.</returns>
    public static string Normalize(string value, IdentifierNormalizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        options ??= new IdentifierNormalizationOptions();
        return Normalize(value, options, options.MaxLength);
    }

    /// <summary>Normalizes with another maximum length than the options'.</summary>
    internal static string Normalize(string value, IdentifierNormalizationOptions options, int? maxLength)
    {
        var text = value;
        if (options.RemoveDiacritics)
        {
            var transliterated = new StringBuilder(text.Length);
            foreach (var c in text.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                {
                    continue;
                }

                if (Transliterations.TryGetValue(c, out var replacement))
                {
                    transliterated.Append(replacement);
                }
                else
                {
                    transliterated.Append(c);
                }
            }

            text = transliterated.ToString();
        }

        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            char? kept = c switch
            {
                _ when char.IsWhiteSpace(c) => Separator(options.Spaces),
                '\'' or '\u2019' or '\u2018' or '`' or '\u00B4' or '\u02BC' => Separator(options.Apostrophes),
                '.' or '-' or '_' => c,
                >= '0' and <= '9' => c,
                _ when char.IsLetter(c) => Letter(c, options),
                _ => null,
            };

            if (kept is not { } k)
            {
                continue;
            }

            if (IsSeparator(k) && (result.Length == 0 || IsSeparator(result[^1])))
            {
                // No separator first, and one of a run.
                continue;
            }

            result.Append(k);
        }

        if (maxLength is { } max && result.Length > max)
        {
            result.Length = Math.Max(max, 0);
        }

        while (result.Length > 0 && IsSeparator(result[^1]))
        {
            result.Length--;
        }

        return result.ToString();
    }

    private static bool IsSeparator(char c) => c is '.' or '-' or '_';

    private static char? Separator(SeparatorHandling handling) => handling switch
    {
        SeparatorHandling.Dot => '.',
        SeparatorHandling.Hyphen => '-',
        SeparatorHandling.Underscore => '_',
        _ => null,
    };

    private static char? Letter(char c, IdentifierNormalizationOptions options)
    {
        var cased = options.Case switch
        {
            IdentifierCase.Lower => char.ToLowerInvariant(c),
            IdentifierCase.Upper => char.ToUpperInvariant(c),
            _ => c,
        };

        return !options.RemoveDiacritics || char.IsAsciiLetter(cased) ? cased : null;
    }
}
