using Spectre.Console;

namespace HrConnector.Cli;

/// <summary>
/// Where the tool writes: tables for people on <see cref="Out"/>, errors and step lines on <see cref="Error"/>, and
/// text that must not be wrapped (JSON documents, messages holding paths) verbatim on <see cref="OutWriter"/> and
/// <see cref="ErrorWriter"/>, the writers under those consoles.
/// </summary>
internal sealed class Terminal
{
    // Wide enough that a redirected table is never wrapped; a real terminal reports its own width.
    private const int RedirectedWidth = 240;

    public Terminal(IAnsiConsole output, IAnsiConsole error, TextWriter outWriter, TextWriter errorWriter, bool interactive)
    {
        Out = output;
        Error = error;
        OutWriter = outWriter;
        ErrorWriter = errorWriter;
        Interactive = interactive;
    }

    /// <summary>Gets the console of the results (stdout).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Gets the console of errors, warnings and step lines (stderr).</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Gets the writer under <see cref="Out"/> (stdout).</summary>
    public TextWriter OutWriter { get; }

    /// <summary>Gets the writer under <see cref="Error"/> (stderr).</summary>
    public TextWriter ErrorWriter { get; }

    /// <summary>Gets a value indicating whether the output is a terminal a person watches: progress bars instead of step lines.</summary>
    public bool Interactive { get; }

    /// <summary>A terminal over two writers, without colours or interaction: for redirected output and in-process tests.</summary>
    public static Terminal Plain(TextWriter output, TextWriter error)
        => new(CreatePlain(output), CreatePlain(error), output, error, interactive: false);

    /// <summary>The process's console: colours and progress bars when stdout is a terminal, plain text otherwise.</summary>
    public static Terminal FromSystemConsole()
    {
        if (Console.IsOutputRedirected)
        {
            return new Terminal(CreatePlain(Console.Out), Console.IsErrorRedirected ? CreatePlain(Console.Error) : CreateDetected(Console.Error), Console.Out, Console.Error, interactive: false);
        }

        var output = CreateDetected(Console.Out);
        return new Terminal(output, CreateDetected(Console.Error), Console.Out, Console.Error, output.Profile.Capabilities.Interactive);
    }

    private static IAnsiConsole CreateDetected(TextWriter writer)
        => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });

    private static IAnsiConsole CreatePlain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }
}
