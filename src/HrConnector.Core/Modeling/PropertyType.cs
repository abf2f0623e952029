namespace HrConnector.Modeling;

/// <summary>The type of a scalar property of an entity type.</summary>
/// <remarks>Values are read as <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="decimal"/>,
/// <see cref="bool"/>, <see cref="DateOnly"/>, <see cref="System.DateTime"/> and <see cref="System.Guid"/>.</remarks>
#pragma warning disable CA1720 // The names are the HR data types that configurations use ("Type": "Int32").
public enum PropertyType
{
    /// <summary>Text (<see cref="string"/>). The default.</summary>
    String = 0,

    /// <summary>A 32-bit integer (<see cref="int"/>).</summary>
    Int32,

    /// <summary>A 64-bit integer (<see cref="long"/>).</summary>
    Int64,

    /// <summary>A decimal number (<see cref="decimal"/>); 1.0 and 1.00 are the same value.</summary>
    Decimal,

    /// <summary>A boolean (<see cref="bool"/>), read from configurable tokens such as Y/N or 1/0.</summary>
    Boolean,

    /// <summary>A calendar date without time (<see cref="DateOnly"/>).</summary>
    Date,

    /// <summary>A date and time (<see cref="System.DateTime"/>): UTC when the text has a zone, else unspecified.</summary>
    DateTime,

    /// <summary>A GUID (<see cref="System.Guid"/>).</summary>
    Guid,
}
#pragma warning restore CA1720
