namespace HrConnector.Testing.Tests;

public class FakeClockTests
{
    [Fact]
    public void Constructor_NoStart_StartsAtDefaultStart()
    {
        var clock = new FakeClock();

        Assert.Equal(new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal(FakeClock.DefaultStart, clock.GetUtcNow());
    }

    [Fact]
    public void Constructor_Date_StartsAtEightUtcThatDay()
    {
        var clock = new FakeClock(new DateOnly(2024, 2, 29));

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 8, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal(new DateOnly(2024, 2, 29), clock.Today);
        Assert.Equal("2024-02-29 08:00:00Z", clock.ToString());
    }

    [Fact]
    public void AdvanceDays_MovesByWholeDays()
    {
        var clock = new FakeClock(new DateTimeOffset(2025, 3, 1, 13, 30, 0, TimeSpan.Zero));

        clock.AdvanceDays(31);

        Assert.Equal(new DateTimeOffset(2025, 4, 1, 13, 30, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void AdvanceDays_Negative_Throws()
    {
        var clock = new FakeClock();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceDays(-1));
        Assert.Equal(FakeClock.DefaultStart, clock.GetUtcNow());
    }

    [Fact]
    public void SetDate_Later_KeepsTimeOfDay()
    {
        var clock = new FakeClock(new DateTimeOffset(2025, 1, 6, 9, 15, 0, TimeSpan.Zero));

        clock.SetDate(new DateOnly(2025, 2, 1));

        Assert.Equal(new DateTimeOffset(2025, 2, 1, 9, 15, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void SetDate_Earlier_ThrowsNamingBothDays()
    {
        var clock = new FakeClock(new DateOnly(2025, 1, 6));

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetDate(new DateOnly(2025, 1, 5)));

        Assert.StartsWith("The clock cannot go back: it is 2025-01-06 and 2025-01-05 was asked for.", exception.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2025, 1, 6), clock.Today);
    }

    [Fact]
    public async Task TaskDelay_AutoAdvance_CompletesAtOnceAndMovesTheClock()
    {
        var clock = new FakeClock();

        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);

        Assert.True(delay.IsCompletedSuccessfully);
        await delay;
        Assert.Equal(FakeClock.DefaultStart.AddSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public async Task TaskDelay_AutoAdvanceOff_WaitsForTheTest()
    {
        var clock = new FakeClock { AutoAdvanceOnDelay = false };

        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);

        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(FakeClock.DefaultStart.AddSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public void CreateTimer_Periodic_DoesNotMoveTheClock()
    {
        var clock = new FakeClock();
        var ticks = 0;

        using var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.Equal(FakeClock.DefaultStart, clock.GetUtcNow());
        Assert.Equal(0, ticks);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, ticks);
    }
}
