using Spectre.Console;

namespace HrConnector.Cli;

/// <summary>Writes problems for people: the library's message (file, line, column, reason; never a value), no stack trace.</summary>
internal static class Errors
{
    private static readonly Style ErrorStyle = new(Color.Red, decoration: Decoration.Bold);
    private static readonly Style WarningStyle = new(Color.Yellow);

    public static void Write(Terminal terminal, Exception exception) => Write(terminal, exception.Message);

    public static void Write(Terminal terminal, string message)
    {
        terminal.Error.Write(new Text("error: ", ErrorStyle));
        terminal.ErrorWriter.WriteLine(message);
    }

    /// <summary>A line on stdout: "error: message" (validate lists problems as its result).</summary>
    public static void Line(Terminal terminal, bool error, string message)
    {
        terminal.Out.Write(error ? new Text("error: ", ErrorStyle) : new Text("warning: ", WarningStyle));
        terminal.OutWriter.WriteLine(message);
    }
}
