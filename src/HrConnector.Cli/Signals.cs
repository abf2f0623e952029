using System.Runtime.InteropServices;

namespace HrConnector.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM (a service manager, a container runtime stopping the tool) cancel the run through its
/// token: it stops at the next step or order, what was written stays consistent, and the next run resumes it. A second
/// signal while the run winds down ends the process at once.
/// </summary>
internal static class Signals
{
    /// <summary>The signals that cancel a run.</summary>
    public static readonly IReadOnlyList<PosixSignal> Cancelling = [PosixSignal.SIGINT, PosixSignal.SIGTERM];

    /// <summary>Cancels <paramref name="cancellation"/> on the first Ctrl+C or SIGTERM until disposed.</summary>
    /// <param name="cancellation">What the run's token comes from.</param>
    /// <returns>The registrations; dispose them when the run is over.</returns>
    public static IDisposable CancelOn(CancellationTokenSource cancellation)
    {
        var registrations = Cancelling.Select(signal => PosixSignalRegistration.Create(signal, context => Handle(context, cancellation))).ToList();
        return new Registrations(registrations);
    }

    /// <summary>The first signal cancels the run and keeps the process; a later one lets the default action end it.</summary>
    internal static void Handle(PosixSignalContext context, CancellationTokenSource cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        cancellation.Cancel();
    }

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
