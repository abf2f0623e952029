using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HrConnector.Modeling;

/// <summary>
/// The problems found in a connector's declaration, gathered while each feature validates its own options (the
/// entity types, the CSV connections, the mappings, provisioning), so that a configuration is fixed in one pass; and
/// the checks every feature shares (identifiers, property names, thresholds).
/// </summary>
internal sealed partial class OptionErrors
{
    /// <summary>Gets the problems, each a sentence, in the order they were found.</summary>
    public List<string> List { get; } = [];

    /// <summary>Gets the number of problems found so far.</summary>
    public int Count => List.Count;

    /// <summary>Gets or sets a problem (a feature may make the last one more precise).</summary>
    /// <param name="index">Its position.</param>
    public string this[int index]
    {
        get => List[index];
        set => List[index] = value;
    }

    /// <summary>Adds a problem.</summary>
    public void Add(string error) => List.Add(error);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    public bool CheckIdentifier(string owner, string? identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            Add($"{owner} has no identifier.");
            return false;
        }

        if (!IdentifierPattern().IsMatch(identifier))
        {
            Add($"{owner} has the identifier '{identifier}', which is not valid: use letters, digits and underscores, starting with a letter or an underscore.");
            return false;
        }

        return true;
    }

    public void CheckThresholds(string owner, ThresholdOptions thresholds)
    {
        foreach (var (name, value) in new[] { ("MaxInserted", thresholds.MaxInserted), ("MaxUpdated", thresholds.MaxUpdated), ("MaxDeleted", thresholds.MaxDeleted) })
        {
            if (value < 0)
            {
                Add($"{owner} has the threshold {name} {value.ToString(CultureInfo.InvariantCulture)}; it must be 0 (off) or more.");
            }
        }

        foreach (var (name, value) in new[] { ("MaxInsertedPercent", thresholds.MaxInsertedPercent), ("MaxUpdatedPercent", thresholds.MaxUpdatedPercent), ("MaxDeletedPercent", thresholds.MaxDeletedPercent) })
        {
            if (value is < 0 or > 100 || double.IsNaN(value))
            {
                Add($"{owner} has the threshold {name} {value.ToString(CultureInfo.InvariantCulture)}; it must be between 0 (off) and 100.");
            }
        }
    }

    public bool AddName(HashSet<string> names, string owner, string identifier)
    {
        if (names.Add(identifier))
        {
            return true;
        }

        Add($"{owner} declares the property '{identifier}' more than once (identifiers are compared ignoring case, across scalar and navigation properties).");
        return false;
    }

    /// <summary>Resolves a culture name (empty: the invariant culture), or adds a problem and returns <see langword="null"/>.</summary>
    public CultureInfo? ResolveCulture(string owner, string? name)
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
            Add($"{owner} uses the culture '{name}', which is unknown.");
            return null;
        }
    }
}
