using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace HrConnector.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> under the test's control, for connector runs day by day: it starts at a fixed date,
/// moves only when told (<see cref="AdvanceDays"/>, <see cref="SetDate"/>, <see cref="FakeTimeProvider.Advance"/>), and by
/// default lets <c>Task.Delay(delay, clock)</c> — the retry backoff of provisioning — complete at once by moving the
/// clock forward by the delay.
/// </summary>
/// <example>
/// <code>
/// var clock = new FakeClock(new DateOnly(2025, 1, 6));
/// clock.AdvanceDays(1);
/// Console.WriteLine(clock.Today); // 2025-01-07
/// </code>
/// </example>
public class FakeClock : FakeTimeProvider
{
    /// <summary>Creates a clock at <see cref="DefaultStart"/>.</summary>
    public FakeClock()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates a clock at a given instant.</summary>
    /// <param name="start">The instant the clock shows first.</param>
    public FakeClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Creates a clock at 08:00 UTC of a given day.</summary>
    /// <param name="date">The day the clock shows first.</param>
    public FakeClock(DateOnly date)
        : base(AtEight(date))
    {
    }

    /// <summary>Gets the instant a clock created without one starts at: Monday 6 January 2025, 08:00 UTC.</summary>
    public static DateTimeOffset DefaultStart { get; } = AtEight(new DateOnly(2025, 1, 6));

    /// <summary>
    /// Gets or sets a value indicating whether a one-shot timer with a positive due time (what <c>Task.Delay(delay, clock)</c>
    /// creates) moves the clock forward by its due time as soon as it is created, so that the delay completes at once.
    /// Periodic timers, and timers created without a due time and started later, never move the clock.
    /// </summary>
    /// <remarks>
    /// Every one-shot timer counts, not only delays: <c>new CancellationTokenSource(delay, clock)</c> or
    /// <c>task.WaitAsync(timeout, clock)</c> time out at once too. Turn it off to test those, and move the clock by hand.
    /// </remarks>
    /// <value>The default value is <see langword="true"/>: a test of retries does not wait for the backoff.</value>
    public bool AutoAdvanceOnDelay { get; set; } = true;

    /// <summary>Gets the current day (UTC).</summary>
    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    /// <summary>Moves the clock forward by whole days.</summary>
    /// <param name="days">The number of days, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative: the clock never goes back.</exception>
    public void AdvanceDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        Advance(TimeSpan.FromDays(days));
    }

    /// <summary>Moves the clock forward to a day, keeping the time of day.</summary>
    /// <param name="date">The day; today or later.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before <see cref="Today"/>: the clock never goes back.</exception>
    public void SetDate(DateOnly date)
    {
        var today = Today;
        if (date < today)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, string.Create(CultureInfo.InvariantCulture, $"The clock cannot go back: it is {today:yyyy-MM-dd} and {date:yyyy-MM-dd} was asked for."));
        }

        AdvanceDays(date.DayNumber - today.DayNumber);
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (AutoAdvanceOnDelay && dueTime > TimeSpan.Zero && period == Timeout.InfiniteTimeSpan)
        {
            // The delay is over as soon as it starts: the timer fires during Advance, on this thread.
            Advance(dueTime);
        }

        return timer;
    }

    /// <inheritdoc/>
    public override string ToString() => GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset AtEight(DateOnly date) => new(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
}
