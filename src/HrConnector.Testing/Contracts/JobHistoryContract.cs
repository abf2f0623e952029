using HrConnector.Jobs;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The contract of <see cref="IJobHistory"/>: the case HrConnector runs against <see cref="InMemoryJobHistory"/> and the
/// SQLite history, to run against yours.
/// </summary>
/// <remarks>
/// Results are listed newest first, per connector ignoring case, with their steps, messages and orders.
/// </remarks>
public static class JobHistoryContract
{
    /// <summary>The cases, each on new subjects of a factory.</summary>
    /// <param name="createHistory">Returns a new, empty history at each call; called only when a case runs.</param>
    /// <returns>The cases.</returns>
    public static ContractSuite Cases(Func<IJobHistory> createHistory)
    {
        ArgumentNullException.ThrowIfNull(createHistory);
        return new ContractSuite(nameof(IJobHistory),
        [
            Case(nameof(ListAsync_NewestFirst_PerConnectorIgnoringCase_AsTheJsonHasIt), () => ListAsync_NewestFirst_PerConnectorIgnoringCase_AsTheJsonHasIt(createHistory), null, null),
        ]);

        static ContractCase Case(string name, Func<Task> run, string? category, Type? requires) => new(nameof(IJobHistory), name, run, category, requires);
    }

    private static async Task ListAsync_NewestFirst_PerConnectorIgnoringCase_AsTheJsonHasIt(Func<IJobHistory> create)
    {
        var history = create();
        var started = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
        await history.AddAsync(new JobResult { Connector = "HR", RunId = "R1", Status = JobStatus.Succeeded, StartedAt = started, Messages = ["one"] });
        await history.AddAsync(new JobResult { Connector = "Payroll", RunId = "P1", Status = JobStatus.Failed });
        await history.AddAsync(new JobResult { Connector = "hr", RunId = "R2", Status = JobStatus.Blocked, Steps = [new StepTiming(Modeling.JobStep.Read, TimeSpan.FromSeconds(1.5))] });

        var results = new List<JobResult>();
        await foreach (var result in history.ListAsync("HR"))
        {
            results.Add(result);
        }

        Check.Equal(["R2", "R1"], results.Select(r => r.RunId));
        Check.Equal(JobStatus.Blocked, results[0].Status);
        Check.Equal(TimeSpan.FromSeconds(1.5), Check.Single(results[0].Steps).Duration);
        Check.Equal((started, "one"), (results[1].StartedAt, Check.Single(results[1].Messages)));
        Check.Empty(results[1].Orders);
    }
}
