using HrConnector.Modeling;
using Microsoft.Extensions.Options;
using Quartz;

namespace HrConnector.Quartz;

/// <summary>
/// Checks the schedule of every connector when the host starts (the connectors are registered with ValidateOnStart):
/// the cron syntax is Quartz's, and a scheduled connector must have been registered before <c>AddHrConnectorQuartz</c>,
/// which creates the jobs of the connectors it finds.
/// </summary>
internal sealed class QuartzScheduleValidator(HrConnectorQuartzRegistration registration) : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Schedule is not { Enabled: true } schedule || string.IsNullOrWhiteSpace(schedule.Cron))
        {
            // No schedule, or Core reports the missing cron expression.
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (CheckCron(name ?? options.Identifier, schedule.Cron) is { } cronError)
        {
            errors.Add(cronError);
        }

        if (name is not null && !registration.Connectors.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"The connector '{name}' has a Schedule but was registered after AddHrConnectorQuartz, which creates the jobs of the connectors registered before it: call AddHrConnector first.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Checks a cron expression with Quartz's parser.</summary>
    /// <returns>The error, naming the connector and the setting, or <see langword="null"/>.</returns>
    public static string? CheckCron(string connector, string cron)
    {
        try
        {
            CronExpression.Parse(cron.Trim());
            return null;
        }
        catch (FormatException exception)
        {
            return $"The connector '{connector}' has the cron expression '{cron}' (Schedule:Cron), which Quartz does not accept: {exception.Message}";
        }
    }
}
