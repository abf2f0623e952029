using System.Globalization;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>A property mapping, as validated: where the values of one property come from. See <see cref="PropertyMappingOptions"/>.</summary>
public sealed class PropertyMapping
{
    internal PropertyMapping(EntityProperty property, PropertyMappingOptions options, CultureInfo culture)
    {
        Property = property;
        Column = options.Column;
        Formats = [.. options.Formats];
        Culture = culture;
        TrueValues = [.. options.TrueValues];
        FalseValues = [.. options.FalseValues];
        ValueMap = new Dictionary<string, string>(options.ValueMap, StringComparer.Ordinal);
        RejectUnmappedValues = options.RejectUnmappedValues;
        DefaultValue = options.DefaultValue;
        Separator = options.Separator;
        Compute = options.Compute;
        Converter = new ValueConverter(property.Type, culture, Formats, TrueValues, FalseValues);
    }

    /// <summary>Gets the property fed.</summary>
    public EntityProperty Property { get; }

    /// <summary>Gets the column read, or <see langword="null"/> for a computed or constant value.</summary>
    public string? Column { get; }

    /// <summary>Gets the accepted date formats.</summary>
    public IReadOnlyList<string> Formats { get; }

    /// <summary>Gets the culture of numbers and dates.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Gets the tokens read as true (empty: the defaults).</summary>
    public IReadOnlyList<string> TrueValues { get; }

    /// <summary>Gets the tokens read as false (empty: the defaults).</summary>
    public IReadOnlyList<string> FalseValues { get; }

    /// <summary>Gets the value map applied before conversion.</summary>
    public IReadOnlyDictionary<string, string> ValueMap { get; }

    /// <summary>Gets a value indicating whether text missing from <see cref="ValueMap"/> rejects the row.</summary>
    public bool RejectUnmappedValues { get; }

    /// <summary>Gets the text used when the column is empty, or <see langword="null"/>.</summary>
    public string? DefaultValue { get; }

    /// <summary>Gets the separator of multiple values in one column, or <see langword="null"/>.</summary>
    public string? Separator { get; }

    /// <summary>Gets the computation of the value in code, or <see langword="null"/>.</summary>
    public Func<ComputeContext, object?>? Compute { get; }

    internal ValueConverter Converter { get; }

    /// <inheritdoc/>
    public override string ToString() => Column is null ? Property.Identifier : $"{Property.Identifier} ← {Column}";
}
