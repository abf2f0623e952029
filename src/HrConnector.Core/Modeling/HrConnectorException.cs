namespace HrConnector.Modeling;

/// <summary>
/// The base of every exception this library throws on purpose: an invalid connector definition, an HR file that
/// cannot be read as a whole, a limit that was exceeded. Catch it to handle every expected failure at once.
/// </summary>
/// <remarks>
/// Messages name files, lines, columns and properties, never field values (which may be personal data), unless the
/// host opted in through <see cref="Csv.ReadOptions.IncludeValuesInRejects"/>.
/// </remarks>
public class HrConnectorException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, without personal data.</param>
    public HrConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public HrConnectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
