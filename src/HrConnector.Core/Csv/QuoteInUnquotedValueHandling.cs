namespace HrConnector.Csv;

/// <summary>
/// What a read does with a quote inside a value that does not start with a quote, such as <c>37°36'37.8"N</c> or
/// <c>ab"c</c>. A value that starts with a quote is quoted and follows the RFC 4180 rules whatever this setting.
/// </summary>
public enum QuoteInUnquotedValueHandling
{
    /// <summary>The row is rejected as malformed (<see cref="Csv.RejectReason.MalformedRow"/>): "a quote inside an unquoted value".</summary>
    Reject = 0,

    /// <summary>
    /// The quote is an ordinary character of the value: <c>ab"c</c> reads as <c>ab"c</c>. Text after the closing quote
    /// of a quoted value (<c>"ab"c</c>) and a quoted value that is never closed are still rejected.
    /// </summary>
    Literal,
}
