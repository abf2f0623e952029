using HrConnector.Provisioning;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// Validates a <see cref="ConnectorOptions"/> and builds the immutable <see cref="Connector"/>: it orchestrates, each
/// feature validates its own options (<see cref="EntityTypeFactory"/>, <see cref="CsvConnectionFactory"/>,
/// <see cref="MappingFactory"/>, <c>ProvisioningModel.Build</c>) into one <see cref="OptionErrors"/>, so that a
/// configuration is fixed in one pass; nothing is built unless there is no problem.
/// </summary>
internal sealed class ConnectorFactory
{
    private readonly OptionErrors _errors = new();
    private readonly ConnectorOptions _options;

    private ConnectorFactory(ConnectorOptions options) => _options = options;

    public static IReadOnlyList<string> Validate(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = new ConnectorFactory(options);
        factory.Build();
        return factory._errors.List;
    }

    public static Connector Create(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = new ConnectorFactory(options);
        var connector = factory.Build();
        return factory._errors.Count == 0
            ? connector!
            : throw new ConnectorValidationException(string.IsNullOrWhiteSpace(options.Identifier) ? "(no identifier)" : options.Identifier, factory._errors.List);
    }

    private Connector? Build()
    {
        _errors.CheckIdentifier("The connector", _options.Identifier);
        _errors.CheckThresholds("The connector", _options.Thresholds);
        if (!Enum.IsDefined(_options.DanglingReferences))
        {
            _errors.Add($"The connector has an unknown DanglingReferences policy '{_options.DanglingReferences}'.");
        }

        CheckSchedule(_options.Schedule);
        var entityTypes = new EntityTypeFactory(_options.EntityTypes, _errors).Build();
        var connections = new CsvConnectionFactory(_options.Connections, _options.BaseDirectory, _errors).Build();
        var mappings = new MappingFactory(_options.Mappings, _options.EntityTypes, _options.Connections, _errors).Build(entityTypes, connections);
        var provisioning = _options.Provisioning is { } options ? ProvisioningModel.Build(options, entityTypes, _errors.List) : null;
        if (provisioning is not null && !mappings.ContainsKey(provisioning.EntityType.Identifier))
        {
            _errors.Add($"Provisioning feeds identities from the entity type '{provisioning.EntityType.Identifier}', which no mapping reads.");
        }

        return _errors.Count == 0
            ? new Connector(new ConnectorModel(_options.Identifier, _options.DisplayName, [.. entityTypes.Values], [.. connections.Values], mappings, ThresholdLimits.From(_options.Thresholds), _options.DanglingReferences) { DefinitionHash = ConnectorDefinition.Hash(_options) }, provisioning)
            : null;
    }

    /// <summary>
    /// Checks what the library can check of a schedule: a cron expression is there, and the time zone exists on this
    /// system. The cron syntax is the scheduler's (HrConnector.Quartz checks it when the host starts).
    /// </summary>
    private void CheckSchedule(ScheduleOptions? schedule)
    {
        if (schedule is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(schedule.Cron))
        {
            _errors.Add("The connector has a Schedule without a cron expression (Schedule:Cron), such as '0 0 2 * * ?' for every day at 02:00.");
        }

        if (string.IsNullOrWhiteSpace(schedule.TimeZone))
        {
            _errors.Add("The connector has an empty time zone (Schedule:TimeZone): leave it out for UTC, or use an IANA id such as Europe/Paris or a Windows id such as Romance Standard Time.");
            return;
        }

        try
        {
            schedule.ResolveTimeZone();
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            _errors.Add($"The connector has the time zone '{schedule.TimeZone}' (Schedule:TimeZone), which this system does not know: use an IANA id such as Europe/Paris or a Windows id such as Romance Standard Time.");
        }
    }
}
