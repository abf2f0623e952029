using System.Globalization;
using System.Text;
using HrConnector.Modeling;

namespace HrConnector.Provisioning;

/// <summary>
/// The compiled form of <see cref="GeneratedValueOptions"/>: the candidates of a record, in order, and the first of them
/// that is free — held by no identity of the repository and claimed by no earlier joiner of the run.
/// </summary>
internal sealed class ValueGenerator
{
    private readonly IReadOnlyList<Template> _templates;
    private readonly IdentifierNormalizationOptions _normalize;
    private readonly string _suffix;
    private readonly int _maxN;

    private ValueGenerator(IReadOnlyList<Template> templates, IdentifierNormalizationOptions normalize, string suffix, int maxN)
    {
        _templates = templates;
        _normalize = normalize;
        _suffix = suffix;
        _maxN = maxN;
        Inputs = [.. templates.SelectMany(t => t.Parts).Select(p => p.Property).OfType<EntityProperty>().DistinctBy(p => p.Index)];
    }

    /// <summary>Gets the HR properties the templates read.</summary>
    public IReadOnlyList<EntityProperty> Inputs { get; }

    /// <summary>Validates options against the provisioned entity type; every problem goes to <paramref name="errors"/>.</summary>
    public static ValueGenerator? Build(string owner, GeneratedValueOptions options, EntityType entityType, List<string> errors)
    {
        var count = errors.Count;
        if (options.Templates.Count == 0)
        {
            errors.Add($"{owner}.Generate has no template.");
        }

        var templates = new List<Template>();
        for (var i = 0; i < options.Templates.Count; i++)
        {
            if (Template.Parse($"{owner}.Generate.Templates[{i}]", options.Templates[i] ?? string.Empty, entityType, errors) is { } template)
            {
                templates.Add(template);
            }
        }

        if (options.MaxN is < 2 or > 10_000)
        {
            errors.Add(FormattableString.Invariant($"{owner}.Generate has MaxN {options.MaxN}; it must be between 2 and 10000."));
        }

        var normalize = options.Normalize;
        if (normalize.MaxLength is < 1)
        {
            errors.Add(FormattableString.Invariant($"{owner}.Generate.Normalize has MaxLength {normalize.MaxLength}; it must be 1 or more."));
        }

        if (!Enum.IsDefined(normalize.Case) || !Enum.IsDefined(normalize.Spaces) || !Enum.IsDefined(normalize.Apostrophes))
        {
            errors.Add($"{owner}.Generate.Normalize has an unknown Case, Spaces or Apostrophes; use Lower, Upper or Preserve, and Remove, Dot, Hyphen or Underscore.");
        }

        if (options.Suffix is { } suffix && (suffix.Any(char.IsWhiteSpace) || suffix.Contains('{', StringComparison.Ordinal)))
        {
            errors.Add($"{owner}.Generate has a Suffix with white space or a brace.");
        }

        var copy = new IdentifierNormalizationOptions
        {
            Case = normalize.Case,
            RemoveDiacritics = normalize.RemoveDiacritics,
            Spaces = normalize.Spaces,
            Apostrophes = normalize.Apostrophes,
            MaxLength = normalize.MaxLength,
        };
        return errors.Count > count ? null : new ValueGenerator(templates, copy, options.Suffix ?? string.Empty, options.MaxN);
    }

    /// <summary>The candidates of a record, suffixed, in order, without repeats (compared ignoring case).</summary>
    /// <param name="values">The record's values, indexed by <see cref="EntityProperty.Index"/>.</param>
    public IReadOnlyList<string> Candidates(object?[] values)
    {
        var candidates = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var template in _templates)
        {
            if (template.Render(values) is not { } rendered)
            {
                continue;
            }

            var (before, after, hasCounter) = rendered;

            if (!hasCounter)
            {
                Add(IdentifierNormalizer.Normalize(before, _normalize, _normalize.MaxLength));
                continue;
            }

            var head = IdentifierNormalizer.Normalize(before, _normalize, null);
            var tail = IdentifierNormalizer.Normalize(after, _normalize, null);
            if (head.Length + tail.Length == 0)
            {
                continue;
            }

            for (var n = 2; n <= _maxN; n++)
            {
                var digits = n.ToString(CultureInfo.InvariantCulture);
                var start = head;
                if (_normalize.MaxLength is { } max && start.Length + digits.Length + tail.Length > max)
                {
                    start = IdentifierNormalizer.Normalize(start, _normalize, Math.Max(max - digits.Length - tail.Length, 0));
                }

                if (start.Length > 0 || head.Length == 0)
                {
                    Add(IdentifierNormalizer.Normalize(start + digits + tail, _normalize, _normalize.MaxLength));
                }
            }
        }

        return candidates;

        void Add(string candidate)
        {
            if (candidate.Length > 0 && seen.Add(candidate))
            {
                candidates.Add(candidate + _suffix);
            }
        }
    }

    /// <summary>The first free candidate, or <see langword="null"/> when every one is taken (or the record gives none).</summary>
    /// <param name="property">The identity property.</param>
    /// <param name="values">The record's values.</param>
    /// <param name="claimed">The values claimed by earlier joiners of the run (compared ignoring case); the one chosen is added.</param>
    /// <param name="repository">The identities.</param>
    /// <param name="timeout">How long one call to the repository may take (<see cref="ProvisioningModel.Timeout"/>): a host that does not answer fails the run's decision, before anything is staged.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <param name="self">The identity the value is for, when it exists (its own value is free for it), or <see langword="null"/>.</param>
    /// <param name="own">Its current value, or <see langword="null"/>.</param>
    public async Task<string?> GenerateAsync(string property, object?[] values, HashSet<string> claimed, IIdentityRepository repository, TimeSpan timeout, CancellationToken cancellationToken, string? self = null, string? own = null)
    {
        var candidates = Candidates(values).Where(c => !claimed.Contains(c)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        if (repository is IUniqueValueLookup lookup)
        {
            var taken = await lookup.TakenAsync(property, candidates, cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            var free = candidates.FirstOrDefault(c => string.Equals(c, own, StringComparison.OrdinalIgnoreCase) || !taken.Contains(c, StringComparer.OrdinalIgnoreCase));
            if (free is not null)
            {
                claimed.Add(free);
            }

            return free;
        }

        foreach (var candidate in candidates)
        {
            var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion(property, candidate)], MatchNormalization.Case), cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (found.All(i => string.Equals(i.Id, self, StringComparison.Ordinal)))
            {
                claimed.Add(candidate);
                return candidate;
            }
        }

        return null;
    }

    /// <summary>One part of a template: literal text, an HR property (whole or one character), or the counter.</summary>
    private sealed record Part(string? Text, EntityProperty? Property, int? Character, bool IsCounter);

    private sealed record Template(IReadOnlyList<Part> Parts)
    {
        public static Template? Parse(string owner, string text, EntityType entityType, List<string> errors)
        {
            var parts = new List<Part>();
            var literal = new StringBuilder();
            var counters = 0;
            var ok = true;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '}')
                {
                    errors.Add($"{owner} has a '}}' without '{{' at position {i + 1}.");
                    return null;
                }

                if (c != '{')
                {
                    literal.Append(c);
                    continue;
                }

                var end = text.IndexOf('}', i + 1);
                var nested = text.IndexOf('{', i + 1);
                if (end < 0 || (nested >= 0 && nested < end))
                {
                    errors.Add($"{owner} has a '{{' without '}}' at position {i + 1}.");
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add(new Part(literal.ToString(), null, null, false));
                    literal.Clear();
                }

                var inner = text[(i + 1)..end].Trim();
                i = end;
                if (inner == "n")
                {
                    counters++;
                    parts.Add(new Part(null, null, null, true));
                    continue;
                }

                int? character = null;
                var bracket = inner.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0)
                {
                    if (!inner.EndsWith(']') || !int.TryParse(inner[(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        errors.Add($"{owner} has the placeholder '{{{inner}}}', whose index is not a number in brackets such as [0].");
                        ok = false;
                        continue;
                    }

                    character = index;
                    inner = inner[..bracket].Trim();
                }

                var property = entityType.Properties.FirstOrDefault(p => string.Equals(p.Identifier, inner, StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    errors.Add($"{owner} names the HR property '{inner}', which the entity type '{entityType.Identifier}' does not declare.");
                    ok = false;
                    continue;
                }

                if (property.IsNavigation || property.IsMultiValued)
                {
                    errors.Add($"{owner} names the HR property '{property.Identifier}', which is not a single-valued scalar property.");
                    ok = false;
                    continue;
                }

                parts.Add(new Part(null, property, character, false));
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null, null, false));
            }

            if (counters > 1)
            {
                errors.Add($"{owner} has {{n}} more than once.");
                ok = false;
            }

            if (ok && !parts.Any(p => p.Property is not null))
            {
                errors.Add($"{owner} names no HR property: every record would get the same candidates.");
                ok = false;
            }

            return ok ? new Template(parts) : null;
        }

        /// <summary>The text before and after the counter, or <see langword="null"/> when an HR value it reads is empty.</summary>
        public (string Before, string After, bool HasCounter)? Render(object?[] values)
        {
            var before = new StringBuilder();
            var after = new StringBuilder();
            var current = before;
            var hasCounter = false;
            foreach (var part in Parts)
            {
                if (part.IsCounter)
                {
                    hasCounter = true;
                    current = after;
                    continue;
                }

                if (part.Text is { } text)
                {
                    current.Append(text);
                    continue;
                }

                var value = values[part.Property!.Index] switch
                {
                    null => null,
                    string s => s.Trim(),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                };

                if (string.IsNullOrEmpty(value))
                {
                    return null;
                }

                if (part.Character is { } index)
                {
                    var info = new StringInfo(value);
                    if (index >= info.LengthInTextElements)
                    {
                        return null;
                    }

                    value = info.SubstringByTextElements(index, 1);
                }

                current.Append(value);
            }

            return (before.ToString(), after.ToString(), hasCounter);
        }
    }
}
