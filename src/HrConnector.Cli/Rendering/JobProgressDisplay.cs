using HrConnector.Jobs;
using Spectre.Console;
using HrConnector.Modeling;

namespace HrConnector.Cli.Rendering;

/// <summary>
/// Shows a run's steps (Resume, Read, Plan, Provision, Commit, Dispatch): a progress bar per step on an interactive
/// terminal, one line per step on stderr otherwise, nothing with --json.
/// </summary>
internal static class JobProgressDisplay
{
    public static async Task<JobResult> RunAsync(Terminal terminal, bool quiet, Func<IProgress<JobProgress>?, Task<JobResult>> run)
    {
        if (quiet)
        {
            return await run(null);
        }

        if (!terminal.Interactive)
        {
            return await run(new StepLines(terminal.ErrorWriter));
        }

        return await terminal.Out.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new Bars(context);
                try
                {
                    return await run(bars);
                }
                finally
                {
                    bars.Complete();
                }
            });
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to the thread pool and reorder the steps.</summary>
    private sealed class StepLines(TextWriter writer) : IProgress<JobProgress>
    {
        private readonly Lock _lock = new();
        private JobStep? _step;

        public void Report(JobProgress value)
        {
            lock (_lock)
            {
                if (value.Step != _step)
                {
                    _step = value.Step;
                    writer.WriteLine($"{value.Step}…");
                }
            }
        }
    }

    private sealed class Bars(ProgressContext context) : IProgress<JobProgress>
    {
        private readonly Lock _lock = new();
        private JobStep? _step;
        private ProgressTask? _task;

        public void Report(JobProgress value)
        {
            lock (_lock)
            {
                if (value.Step != _step)
                {
                    Finish();
                    _step = value.Step;
                    _task = context.AddTask(value.Step.ToString(), autoStart: true, maxValue: 1).IsIndeterminate(true);
                }

                if (value.Total is { } total)
                {
                    _task!.IsIndeterminate = false;
                    _task.MaxValue = Math.Max(total, 1);
                    _task.Value = total == 0 ? 1 : value.Completed;
                }
            }
        }

        public void Complete()
        {
            lock (_lock)
            {
                Finish();
            }
        }

        private void Finish()
        {
            if (_task is { } task)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}
