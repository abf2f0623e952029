namespace HrConnector.Csv;

/// <summary>Run-time settings of a read, chosen by the host rather than by the connector declaration.</summary>
public sealed class ReadOptions
{
    /// <summary>Gets the default settings.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether rejects carry the raw value at fault (<see cref="Reject.Value"/>) and quote
    /// it in their message. Values of sensitive properties are never included.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: HR values are personal data and stay out of reports and logs.</value>
    public bool IncludeValuesInRejects { get; init; }
}
