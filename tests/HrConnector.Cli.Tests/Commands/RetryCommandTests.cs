using HrConnector.Provisioning;

namespace HrConnector.Cli.Tests.Commands;

[Trait("Category", "Convergence")]
public sealed class RetryCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Retry_StuckOrders_AreGivenAnotherChanceOnce()
    {
        var sync = await _cli.RunAsync("sync", _cli.Configuration);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var journal = _cli.Services.Journal;
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync("Fabrikam_HR", openOnly: false))
        {
            entries.Add(entry);
        }

        // Two orders whose budget is spent, as the dispatcher leaves them.
        await journal.UpdateAsync(entries[0] with { State = OrderState.Stuck, Failures = 5, Error = "ProvisioningRejectedException: refused." });
        await journal.UpdateAsync(entries[1] with { State = OrderState.Stuck, Failures = 5, Error = "ProvisioningRejectedException: refused." });

        var one = await _cli.RunAsync("retry", _cli.Configuration, "--order", entries[1].Order.Id);
        var all = await _cli.RunAsync("retry", _cli.Configuration);
        var none = await _cli.RunAsync("retry", _cli.Configuration);

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("1 stuck order will be sent again by the next sync if HR still asks for them.", one.Output);
        Assert.Contains("1 stuck order will be sent again by the next sync if HR still asks for them.", all.Output);
        Assert.Contains("No stuck order to retry.", none.Output);
        var states = new Dictionary<string, OrderState>();
        await foreach (var entry in journal.ReadAsync("Fabrikam_HR", openOnly: false))
        {
            states[entry.Order.Id] = entry.State;
        }

        Assert.Equal(OrderState.Errored, states[entries[0].Order.Id]);
        Assert.Equal(OrderState.Errored, states[entries[1].Order.Id]);
    }
}
