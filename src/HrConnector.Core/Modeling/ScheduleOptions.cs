namespace HrConnector.Modeling;

/// <summary>
/// When a host runs the connector on its own: a cron expression in a time zone, read by a scheduler integration such
/// as HrConnector.Quartz (<c>services.AddHrConnectorQuartz()</c>). The library itself never starts a run; a connector
/// without a schedule runs only when code or the command-line tool asks.
/// </summary>
/// <example>
/// <code>
/// "Schedule": { "Cron": "0 0 2 * * ?", "TimeZone": "Europe/Paris" }
/// </code>
/// </example>
public sealed class ScheduleOptions
{
    /// <summary>Gets or sets the cron expression, in the Quartz syntax: seconds, minutes, hours, day of month, month, day of week and an optional year.</summary>
    /// <value>Required, such as <c>0 0 2 * * ?</c> (every day at 02:00). The syntax is checked by the scheduler integration when the host starts.</value>
    public string Cron { get; set; } = string.Empty;

    /// <summary>Gets or sets the time zone the cron expression is read in, as an IANA id (Europe/Paris) or a Windows id (Romance Standard Time).</summary>
    /// <value>The default value is <c>UTC</c>. Daylight saving changes follow the zone: 02:30 on a spring-forward night runs once, at the end of the gap.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets a value indicating whether the schedule fires.</summary>
    /// <value>The default value is <see langword="true"/>. <see langword="false"/> keeps the declaration but stops the scheduled runs (a run can still be started by hand); with a persistent job store, the stored trigger is removed.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Resolves <see cref="TimeZone"/>.</summary>
    /// <returns>The time zone.</returns>
    /// <exception cref="TimeZoneNotFoundException">The system knows no such time zone.</exception>
    /// <exception cref="InvalidTimeZoneException">The system's data for the time zone is corrupt.</exception>
    public TimeZoneInfo ResolveTimeZone()
        => string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());
}
