using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Tests.Convergence;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// One regression test per host fault: the fault is reproduced, then a fault-free later run converges (the identity ends
/// as HR says, no order is lost, none is applied twice).
/// </summary>
[Trait("Category", "Convergence")]
public sealed class DispatcherTests
{
    private static readonly HrRow Anna = new("E1", "Anna", "Smith", "Engineer", "IT");
    private static readonly HrRow Ben = new("E2", "Ben", "Jones", "Analyst", "IT");
    private static readonly HrRow Cleo = new("E3", "Cleo", "Brown", "Tester", "QA");

    public static TheoryData<OrderKind, bool> LeaverAndMover => new()
    {
        { OrderKind.Deactivated, false },
        { OrderKind.Deactivated, true },
        { OrderKind.Modified, false },
        { OrderKind.Modified, true },
    };

    [Theory]
    [MemberData(nameof(LeaverAndMover))]
    public async Task RunAsync_LeaverOrMoverOrderFails_NextRunCompletesTheSameOrder(OrderKind kind, bool transient)
    {
        var bed = new Bed();
        await bed.RunAsync(Anna, Ben);
        var call = kind == OrderKind.Deactivated ? HostCall.SetState : HostCall.Update;
        var failures = 0;
        bed.Repository.Faults = (c, _, _) => c == call && failures++ < (transient ? 3 : 1) ? (transient ? Fault.Transient : Fault.Refused) : null;
        HrRow[] today = kind == OrderKind.Deactivated ? [Ben] : [Anna with { Title = "Lead", Department = "OPS" }, Ben];

        bed.Clock.NextDay();
        var failed = await bed.RunAsync(today);

        Assert.Equal(JobStatus.SucceededWithWarnings, failed.Status);
        var order = Assert.Single(failed.Orders);
        Assert.Equal(kind, order.Kind);
        var entry = (await bed.EntriesAsync()).Single(e => e.Order.Id == order.Id);
        if (transient)
        {
            Assert.Equal(1, failed.Provisioning!.InDoubt);
            Assert.Equal(2, failed.Provisioning.Retries);
            Assert.Equal((OrderState.Pending, true, 0), (entry.State, entry.InDoubt, entry.Failures));
        }
        else
        {
            Assert.Equal(1, failed.Provisioning!.Errored);
            Assert.Equal((OrderState.Errored, 1), (entry.State, entry.Failures));
        }

        bed.Clock.NextDay();
        var next = await bed.RunAsync(today);

        Assert.Equal(JobStatus.Succeeded, next.Status);
        Assert.Equal(1, next.Provisioning!.Executed);
        entry = (await bed.EntriesAsync()).Single(e => e.Order.Kind == kind);
        Assert.Equal(order.Id, entry.Order.Id);
        Assert.Equal(OrderState.Verified, entry.State);
        var operations = bed.Repository.Operations.Where(o => o.Call == call).Select(o => o.OperationId).ToList();
        if (transient)
        {
            Assert.Empty(next.Orders);                                             // the order in doubt goes on, no new one
            Assert.All(operations, o => Assert.Equal(order.Id, o));                // replayed under the same operation id
        }
        else
        {
            Assert.Equal(order.Id, Assert.Single(next.Orders).Id);                 // the same order, a new attempt
            Assert.Equal(1, entry.Failures);
            Assert.Equal(order.Id + ".1", entry.OperationId);
            Assert.Equal([order.Id, order.Id + ".1"], operations);
        }

        var anna = await bed.IdentityOfAsync("E1");
        if (kind == OrderKind.Deactivated)
        {
            Assert.Equal(IdentityState.Inactive, anna!.State);
        }
        else
        {
            Assert.Equal(("Lead", "OPS", IdentityState.Active), (anna!.GetValue("Title"), anna.GetValue("Department"), anna.State));
        }

        var settled = await bed.RunAsync(today);
        Assert.Empty(settled.Orders);
        Assert.DoesNotContain(await bed.EntriesAsync(), e => e.IsOpen);
    }

    [Fact]
    public async Task RunAsync_CrashBetweenCommitAndRelease_RehireCancellationIsKeptAndTheIdentityNeverDeleted()
    {
        var bed = new Bed(p => p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 30));
        await bed.RunAsync(Anna, Ben);
        var annaId = (await bed.IdentityOfAsync("E1"))!.Id;
        bed.Clock.NextDay();
        await bed.RunAsync(Ben);                                                    // Anna leaves: deactivated, delete due in 30 days

        // Day 32: the delete is due, and refused by the host: it stays to be done.
        bed.Clock.NextDay(31);
        bed.Repository.Faults = (c, _, _) => c == HostCall.Delete ? Fault.Refused : null;
        var due = await bed.RunAsync(Ben);
        var delete = Assert.Single(due.Orders);
        Assert.Equal(OrderKind.Deleted, delete.Kind);
        Assert.Equal(OrderState.Errored, (await bed.EntriesAsync()).Single(e => e.Order.Id == delete.Id).State);

        // Anna is rehired; the run commits the store, then dies before the release.
        bed.Repository.Faults = null;
        bed.Journal.FailNextRelease();
        await Assert.ThrowsAsync<IOException>(() => bed.RunAsync(Anna, Ben));
        Assert.NotNull(await bed.Journal.GetStagedRunAsync(Hr.Connector));

        bed.NewJob();
        var resumed = await bed.RunAsync(Anna, Ben);
        Assert.Equal(JobStatus.Succeeded, resumed.Status);
        Assert.Null(await bed.Journal.GetStagedRunAsync(Hr.Connector));
        Assert.Equal(OrderState.Cancelled, (await bed.EntriesAsync()).Single(e => e.Order.Id == delete.Id).State);
        Assert.Equal(IdentityState.Active, (await bed.Identities.GetAsync(annaId))!.State);

        bed.Clock.NextDay(31);
        await bed.RunAsync(Anna, Ben);
        bed.Clock.NextDay(31);
        await bed.RunAsync(Anna, Ben);
        Assert.Equal(IdentityState.Active, (await bed.Identities.GetAsync(annaId))!.State);
        Assert.DoesNotContain(bed.Repository.Operations, o => o.Call == HostCall.Delete && o.OperationId != delete.Id);
        Assert.Equal(annaId, (await bed.LinkOfAsync("E1")).IdentityId);
    }

    /// <summary>
    /// A rehire is a reactivation with new values: two writes. The host refuses the values: the identity must not have
    /// been activated (it was, when the state went first), since the order is recorded as not applied and, once HR takes
    /// the rehire back, nothing would deactivate it again.
    /// </summary>
    [Fact]
    public async Task RunAsync_ReactivationWhoseValuesAreRefused_LeavesTheIdentityInactive()
    {
        var bed = new Bed(p => p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 30));
        await bed.RunAsync(Anna, Ben);
        var annaId = (await bed.IdentityOfAsync("E1"))!.Id;
        bed.Clock.NextDay();
        await bed.RunAsync(Ben);
        Assert.Equal(IdentityState.Inactive, (await bed.Identities.GetAsync(annaId))!.State);

        bed.Repository.Faults = (c, _, _) => c == HostCall.Update ? Fault.Refused : null;
        bed.Clock.NextDay();
        var refused = await bed.RunAsync(Anna with { Title = "Lead" }, Ben);

        var order = Assert.Single(refused.Orders);
        Assert.Equal(OrderKind.Reactivated, order.Kind);
        Assert.NotEmpty(order.Changes);
        Assert.Equal(OrderState.Errored, (await bed.EntriesAsync()).Single(e => e.Order.Id == order.Id).State);
        Assert.Equal(IdentityState.Inactive, (await bed.Identities.GetAsync(annaId))!.State);
        Assert.DoesNotContain(bed.Repository.Operations, o => o.Call == HostCall.SetState && o.OperationId.StartsWith(order.Id, StringComparison.Ordinal));

        // HR takes the rehire back: the order is cancelled, and the identity is as HR says.
        bed.Repository.Faults = null;
        bed.Clock.NextDay();
        var back = await bed.RunAsync(Ben);
        Assert.Equal(JobStatus.Succeeded, back.Status);
        Assert.Equal(OrderState.Cancelled, (await bed.EntriesAsync()).Single(e => e.Order.Id == order.Id).State);
        Assert.Equal(IdentityState.Inactive, (await bed.Identities.GetAsync(annaId))!.State);

        // Rehired again, the host accepts: values first, then the activation.
        bed.Clock.NextDay();
        var sent = bed.Repository.Operations.Count;
        var rehired = await bed.RunAsync(Anna with { Title = "Lead" }, Ben);
        var again = Assert.Single(rehired.Orders);
        Assert.Equal(OrderKind.Reactivated, again.Kind);
        var identity = (await bed.Identities.GetAsync(annaId))!;
        Assert.Equal((IdentityState.Active, (object?)"Lead"), (identity.State, identity.GetValue("Title")));
        var writes = bed.Repository.Operations.Skip(sent).Where(o => o.OperationId.StartsWith(again.Id, StringComparison.Ordinal)).Select(o => o.Call).ToList();
        Assert.Equal([HostCall.Update, HostCall.SetState], writes);
    }

    /// <summary>
    /// The same refusal on a repository that takes batches: the writes of a batch are independent, so the reactivation
    /// (two writes) is sent alone, one write after the other, while the other orders go in the batch.
    /// </summary>
    [Fact]
    public async Task RunAsync_BatchRepository_ReactivationWhoseValuesAreRefused_LeavesTheIdentityInactive()
    {
        var bed = new Bed(p => p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 30));
        var batch = new BatchRepository(bed.Repository);
        var job = new SynchronizationJob(bed.Connector, bed.Store, batch, bed.Launcher, bed.Journal, bed.Time, runLock: new InMemoryConnectorRunLock());
        await job.RunAsync(bed.Request([Anna, Ben, Cleo]));
        var annaId = (await bed.IdentityOfAsync("E1"))!.Id;
        bed.Clock.NextDay();
        await job.RunAsync(bed.Request([Ben, Cleo]));

        bed.Repository.Faults = (c, subject, _) => c == HostCall.Update && subject.EndsWith(":values", StringComparison.Ordinal) ? Fault.Refused : null;
        bed.Clock.NextDay();
        var refused = await job.RunAsync(bed.Request([Anna with { Title = "Lead" }, Ben, Cleo with { Title = "Lead" }]));

        Assert.Equal([OrderKind.Modified, OrderKind.Reactivated], refused.Orders.Select(o => o.Kind).Order());
        Assert.Equal(1, refused.Provisioning!.Executed);
        Assert.Equal(1, refused.Provisioning.Errored);
        Assert.Equal(IdentityState.Inactive, (await bed.Identities.GetAsync(annaId))!.State);
        Assert.Equal("Lead", (await bed.IdentityOfAsync("E3"))!.GetValue("Title"));
        Assert.True(batch.Batches > 0, "the batch path was taken");
    }

    public static TheoryData<string, int> LostAnswers => new()
    {
        { "StartThenHttpTimeout", 1 },
        { "StartThenHttpTimeout", 3 },
        { "StatusThrows", 1 },
        { "StatusThrows", 3 },
    };

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task RunAsync_WorkflowStartedButAnswerLost_NextRunFindsItAndStartsNothingTwice(string fault, int maxAttempts)
    {
        var bed = new Bed(p => p.Options.Retry.MaxAttempts = maxAttempts, workflows: true);
        var thrown = 0;
        bed.Launcher.Faults = (call, _, _) => (fault, call) switch
        {
            ("StartThenHttpTimeout", HostCall.Start) when thrown++ == 0 => new Fault(FaultKind.ThrowAfter, () => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException("The operation was canceled."))),
            ("StatusThrows", HostCall.Status) when thrown++ == 0 => new Fault(FaultKind.ThrowBefore, () => new HttpRequestException("The status endpoint is unreachable.")),
            _ => null,
        };

        var first = await bed.RunAsync(Anna);
        bed.Clock.NextDay();
        var second = await bed.RunAsync(Anna);
        bed.Clock.NextDay();
        var third = await bed.RunAsync(Anna);

        Assert.True(thrown > 0);
        if (fault == "StartThenHttpTimeout" && maxAttempts == 1)
        {
            Assert.Equal(1, first.Provisioning!.InDoubt);
            Assert.Equal(JobStatus.SucceededWithWarnings, first.Status);
            Assert.Contains(bed.Launcher.Finds, id => id == first.Orders[0].Id);    // the next run asked first
        }

        var onboarding = Assert.Single(bed.Launcher.Starts, s => s.Kind == OrderKind.Added);
        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));
        Assert.Single(await bed.IdentitiesNamedAsync("Anna"));
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);
        Assert.Equal(onboarding.Id, Assert.Single(await bed.EntriesAsync()).Order.Id);
        Assert.Equal(JobStatus.Succeeded, third.Status);
        Assert.Empty(second.Orders.Concat(third.Orders));
    }

    [Fact]
    public async Task RunAsync_StatusPoisonedOnEveryRun_OthersGoOnAndTheOrderEndsStuckThenRetried()
    {
        var bed = new Bed(p => (p.Options.Retry.MaxAttempts, p.Options.Retry.MaxFailures) = (1, 3), workflows: true);
        bed.Launcher.Faults = (call, handle, _) => call == HostCall.Status && bed.Launcher.Starts.Any(s => s.Id == handle && s.ResourceKey == "E1") ? Fault.Poison : null;

        var results = new List<JobResult> { await bed.RunAsync(Anna, Ben) };
        var poisoned = Assert.Single(results[0].Orders, o => o.ResourceKey == "E1").Id;
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E2"))!.State);   // the other order goes on
        for (var day = 0; day < 4; day++)
        {
            bed.Clock.NextDay();
            results.Add(await bed.RunAsync(Anna, Ben, Cleo));
        }

        Assert.All(results, r => Assert.NotEqual(JobStatus.Failed, r.Status));
        Assert.All(results, r => Assert.NotEqual(JobStatus.Succeeded, r.Status));       // never silent while Anna waits
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E3"))!.State);  // a joiner of a later run is dispatched
        var entry = (await bed.EntriesAsync()).Single(e => e.Order.Id == poisoned);
        Assert.Equal(OrderState.Stuck, entry.State);
        Assert.Equal(poisoned, Assert.Single(results[^1].Provisioning!.Stuck).OrderId);
        Assert.Equal(poisoned, Assert.Single((await bed.Job.ReportAsync()).Stuck).OrderId);
        Assert.Single(bed.Launcher.Starts, s => s.ResourceKey == "E1");                // a stuck order is not sent again

        // The status service is repaired; the operator retries the stuck order.
        bed.Launcher.Faults = null;
        Assert.Equal(1, await bed.Job.RetryAsync());
        bed.Clock.NextDay();
        var retried = await bed.RunAsync(Anna, Ben, Cleo);
        bed.Clock.NextDay();
        var settled = await bed.RunAsync(Anna, Ben, Cleo);

        Assert.NotEqual(JobStatus.Failed, retried.Status);
        Assert.Equal(JobStatus.Succeeded, settled.Status);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);
        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));
        Assert.Empty((await bed.Job.ReportAsync()).Stuck);
        Assert.DoesNotContain(await bed.EntriesAsync(), e => e.IsOpen || e.State == OrderState.Stuck);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_InDoubtOnboardingStuckThenHrChanges_DoesNotCreateASecondIdentity(bool workflows)
    {
        var bed = new Bed(p => (p.Options.Retry.MaxAttempts, p.Options.Retry.MaxFailures) = (1, 1), workflows);
        var lost = new Fault(FaultKind.ThrowAfter, () => new InvalidOperationException("The answer was garbled."));
        bed.Repository.Faults = (call, _, _) => !workflows && call == HostCall.Create ? lost : null;
        bed.Launcher.Faults = (call, _, _) => workflows && call is HostCall.Start or HostCall.Find ? lost : null;

        var first = await bed.RunAsync(Anna);
        Assert.Equal(JobStatus.SucceededWithWarnings, first.Status);
        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));                        // applied, though the answer was lost

        // HR changes her title while the onboarding is in doubt; the host is repaired.
        bed.Repository.Faults = bed.Launcher.Faults = null;
        var promoted = Anna with { Title = "Principal" };
        for (var day = 0; day < 3; day++)
        {
            bed.Clock.NextDay();
            await bed.Job.RetryAsync();
            await bed.RunAsync(promoted);
        }

        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));
        var anna = Assert.Single(await bed.IdentitiesNamedAsync("Anna"));
        Assert.Equal(("Principal", IdentityState.Active), (anna.GetValue("Title"), anna.State));
        Assert.Equal(anna.Id, (await bed.LinkOfAsync("E1")).IdentityId);
    }

    [Fact]
    public async Task RunAsync_OnboardingRejectedAfterTitleChange_NextRunOnboardsWithTheNewTitle()
    {
        var bed = new Bed(workflows: true);
        var launcher = new ApprovalLauncher(bed.Repository);
        bed.NewJob(launcher);

        var day1 = await bed.RunAsync(Anna, Ben);
        var onboarding = Assert.Single(day1.Orders, o => o.ResourceKey == "E1");
        Assert.Equal(2, day1.Provisioning!.Transmitted);                            // waiting for approval: reported
        await launcher.ApproveAsync(day1.Orders.Single(o => o.ResourceKey == "E2").Id);

        // HR changes Anna's title; then her onboarding (with the old title) is rejected. The next run learns it before
        // deciding, so it issues the onboarding with the new title at once.
        var promoted = Anna with { Title = "Principal" };
        launcher.Reject(onboarding.Id);
        bed.Clock.NextDay();
        var day2 = await bed.RunAsync(promoted, Ben);
        Assert.Equal(JobStatus.SucceededWithWarnings, day2.Status);
        Assert.Equal(1, day2.Provisioning!.Errored);
        Assert.Null(await bed.IdentityOfAsync("E1"));
        var second = Assert.Single(day2.Orders);
        Assert.Equal(OrderKind.Added, second.Kind);
        Assert.NotEqual(onboarding.Id, second.Id);
        Assert.Equal("Principal", second.Changes.Single(c => c.Property == "Title").NewValue);
        Assert.Equal(OrderState.Cancelled, (await bed.EntriesAsync()).Single(e => e.Order.Id == onboarding.Id).State);

        await launcher.ApproveAsync(second.Id);
        bed.Clock.NextDay();
        var day3 = await bed.RunAsync(promoted, Ben);
        Assert.Empty(day3.Orders);
        Assert.Equal(JobStatus.Succeeded, day3.Status);
        var anna = await bed.IdentityOfAsync("E1");
        Assert.Equal(("Principal", IdentityState.Active), (anna!.GetValue("Title"), anna.State));
        Assert.Single(await bed.IdentitiesNamedAsync("Anna"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_LauncherNeverAnswers_TheRunEndsAndTheOrderIsInDoubt(bool afterStarting)
    {
        var hang = afterStarting ? FaultKind.HangAfter : FaultKind.Hang;
        var bed = new Bed(p => p.Options.Timeout = TimeSpan.FromMilliseconds(200), workflows: true, clock: TimeProvider.System);
        bed.Launcher.Faults = (call, _, _) => call switch
        {
            HostCall.Start => new Fault(hang),
            HostCall.Find => new Fault(FaultKind.Hang),
            _ => null,
        };

        var hung = await bed.RunAsync(Anna).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(JobStatus.SucceededWithWarnings, hung.Status);
        Assert.Equal(1, hung.Provisioning!.InDoubt);
        var entry = Assert.Single(await bed.EntriesAsync());
        Assert.Equal((OrderState.Pending, true), (entry.State, entry.InDoubt));

        bed.Launcher.Faults = null;
        var next = await bed.RunAsync(Anna).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(JobStatus.Succeeded, next.Status);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);
        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));
    }

    [Fact]
    public async Task RunAsync_LauncherNeverAnswersAndTheRunIsCancelled_ThrowsOperationCanceled()
    {
        var bed = new Bed(p => p.Options.Timeout = TimeSpan.FromHours(1), workflows: true, clock: TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        bed.Launcher.Faults = (call, _, _) =>
        {
            if (call != HostCall.Start)
            {
                return null;
            }

            _ = Task.Run(async () =>
            {
                await Task.Yield();
                await cancel.CancelAsync();
            });
            return new Fault(FaultKind.Hang);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.RunAsync([Anna], cancellationToken: cancel.Token).WaitAsync(TimeSpan.FromMinutes(1)));

        bed.Launcher.Faults = null;
        bed.NewJob();
        var next = await bed.RunAsync(Anna);
        Assert.Equal(JobStatus.Succeeded, next.Status);
        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));
    }

    /// <summary>A repository that takes batches, each write through the fault-injecting repository; a failed write is reported in its result.</summary>
    private sealed class BatchRepository(FaultyRepository inner) : IBatchIdentityRepository
    {
        public int Batches { get; private set; }

        public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default) => inner.FindAsync(query, cancellationToken);

        public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => inner.CreateAsync(properties, operationId, cancellationToken);

        public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, properties, operationId, cancellationToken);

        public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default) => inner.SetStateAsync(id, state, operationId, cancellationToken);

        public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, operationId, cancellationToken);

        public async Task<IReadOnlyList<IdentityWriteResult>> WriteBatchAsync(IReadOnlyList<IdentityWrite> writes, CancellationToken cancellationToken = default)
        {
            Batches++;
            var results = new List<IdentityWriteResult>(writes.Count);
            foreach (var write in writes)
            {
                try
                {
                    results.Add(new IdentityWriteResult(await IdentityWrites.ApplyWriteAsync(inner, write, cancellationToken)));
                }
                catch (ProvisioningRejectedException exception)
                {
                    results.Add(new IdentityWriteResult(null, exception));
                }
            }

            return results;
        }
    }
}
