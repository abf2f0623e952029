using Quartz;

namespace HrConnector.Quartz;

/// <summary>The Quartz keys of a connector's job and trigger: the connector's registered name in the group <see cref="Group"/>.</summary>
internal static class HrConnectorJobKeys
{
    /// <summary>The group of every job and trigger this package registers.</summary>
    public const string Group = "HrConnector";

    /// <summary>Gets the key of a connector's job.</summary>
    public static JobKey Job(string connector) => new(connector, Group);

    /// <summary>Gets the key of a connector's cron trigger.</summary>
    public static TriggerKey Trigger(string connector) => new(connector + ".schedule", Group);
}
