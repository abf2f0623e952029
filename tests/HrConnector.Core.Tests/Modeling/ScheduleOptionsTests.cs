using System.Text;
using HrConnector.Modeling;
using Microsoft.Extensions.Configuration;

namespace HrConnector.Tests.Modeling;

/// <summary>ConnectorOptions.Schedule: bound from JSON (strictly), validated by Core (the cron syntax is the scheduler's), left out of the definition hash.</summary>
public class ScheduleOptionsTests
{
    [Fact]
    public void Bind_ScheduleSection_SetsCronAndTimeZone()
    {
        var options = ConnectorConfiguration.Bind(Json("""{ "Identifier": "HR", "Schedule": { "Cron": "0 0 2 * * ?", "TimeZone": "Europe/Paris" } }"""));

        Assert.NotNull(options.Schedule);
        Assert.Equal("0 0 2 * * ?", options.Schedule.Cron);
        Assert.Equal("Europe/Paris", options.Schedule.TimeZone);
        Assert.True(options.Schedule.Enabled);
    }

    [Fact]
    public void Bind_ScheduleWithoutTimeZone_IsInUtc()
    {
        var options = ConnectorConfiguration.Bind(Json("""{ "Identifier": "HR", "Schedule": { "Cron": "0 0 2 * * ?", "Enabled": false } }"""));

        Assert.Equal("UTC", options.Schedule!.TimeZone);
        Assert.Equal(TimeZoneInfo.Utc.BaseUtcOffset, options.Schedule.ResolveTimeZone().BaseUtcOffset);
        Assert.False(options.Schedule.Enabled);
    }

    [Fact]
    public void Bind_NoSchedule_LeavesItNull()
        => Assert.Null(ConnectorConfiguration.Bind(Json("""{ "Identifier": "HR" }""")).Schedule);

    [Fact]
    public void Bind_MisspeltScheduleSetting_IsAnErrorWithItsPath()
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.Bind(Json("""{ "Identifier": "HR", "Schedule": { "Crom": "0 0 2 * * ?" } }""")));

        var error = Assert.Single(exception.Errors);
        Assert.Contains("'Schedule:Crom' is unknown", error, StringComparison.Ordinal);
        Assert.Contains("Cron, TimeZone, Enabled", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidSchedule_NoError()
    {
        var options = ModelingFixtures.Valid();
        options.Schedule = new ScheduleOptions { Cron = "0 0 2 * * ?", TimeZone = "Europe/Paris" };

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Validate_WindowsTimeZoneId_IsAccepted()
    {
        var options = ModelingFixtures.Valid();
        options.Schedule = new ScheduleOptions { Cron = "0 0 2 * * ?", TimeZone = "Romance Standard Time" };

        Assert.Empty(Connector.Validate(options));
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris").BaseUtcOffset, options.Schedule.ResolveTimeZone().BaseUtcOffset);
    }

    [Fact]
    public void Validate_ScheduleWithoutCron_NamesTheSetting()
    {
        var options = ModelingFixtures.Valid();
        options.Schedule = new ScheduleOptions { Cron = " " };

        var error = Assert.Single(Connector.Validate(options));
        Assert.Contains("Schedule:Cron", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTimeZone_NamesTheSettingAndTheValue()
    {
        var options = ModelingFixtures.Valid();
        options.Schedule = new ScheduleOptions { Cron = "0 0 2 * * ?", TimeZone = "Mars/Olympus_Mons" };

        var error = Assert.Single(Connector.Validate(options));
        Assert.Contains("'Mars/Olympus_Mons' (Schedule:TimeZone)", error, StringComparison.Ordinal);
        Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));
    }

    [Fact]
    public void DefinitionHash_DoesNotDependOnTheSchedule()
    {
        var options = ModelingFixtures.Valid();
        var without = Connector.Create(options).DefinitionHash;
        options.Schedule = new ScheduleOptions { Cron = "0 0 2 * * ?", TimeZone = "Europe/Paris" };

        Assert.Equal(without, Connector.Create(options).DefinitionHash);
    }

    private static IConfigurationRoot Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
