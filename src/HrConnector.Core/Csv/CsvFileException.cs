using HrConnector.Modeling;

namespace HrConnector.Csv;

/// <summary>
/// Thrown when an HR file cannot be read as a whole: nothing read from it may be used. The message names the file,
/// the line when there is one, and every problem found (all missing columns at once, for example).
/// </summary>
public sealed class CsvFileException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The path of the file, or the name given to in-memory text.</param>
    /// <param name="error">What kind of problem it is.</param>
    /// <param name="line">The 1-based line at fault, or 0.</param>
    /// <param name="errors">The problems, each a sentence.</param>
    /// <param name="rejects">The rejects found before the read stopped (for <see cref="CsvFileError.RejectLimitExceeded"/>).</param>
    /// <param name="innerException">The cause, if any.</param>
    public CsvFileException(
        string file,
        CsvFileError error,
        long line,
        IReadOnlyList<string> errors,
        IReadOnlyList<Reject>? rejects = null,
        Exception? innerException = null)
        : base(FormatMessage(file, line, errors), innerException)
    {
        File = file;
        Error = error;
        Line = line;
        Errors = errors;
        Rejects = rejects ?? [];
    }

    /// <summary>Gets the path of the file, or the name given to in-memory text.</summary>
    public string File { get; }

    /// <summary>Gets what kind of problem it is.</summary>
    public CsvFileError Error { get; }

    /// <summary>Gets the 1-based line at fault, or 0 when the problem is not tied to a line.</summary>
    public long Line { get; }

    /// <summary>Gets the problems, each a sentence.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets the rejects found before the read stopped; empty unless <see cref="Error"/> is <see cref="CsvFileError.RejectLimitExceeded"/>.</summary>
    public IReadOnlyList<Reject> Rejects { get; }

    private static string FormatMessage(string file, long line, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var where = line > 0 ? $"{file}:{line}" : file;
        return errors.Count == 1
            ? $"{where}: {errors[0]}"
            : $"{where}: {errors.Count} problems:{Environment.NewLine} - " + string.Join(Environment.NewLine + " - ", errors);
    }
}
