using HrConnector.Modeling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HrConnector.Tests.Modeling;

namespace HrConnector.Tests;

/// <summary>ConnectorOptionsValidator in a real ServiceCollection: a host checks a configured connector when options are resolved.</summary>
public class ConnectorOptionsValidatorTests
{
    private static readonly string[] InvalidSectionErrors =
    [
        "The connection 'people' uses the same character for two of Delimiter (';'), Quote (';') and CommentCharacter ('').",
        "The connection 'people' has LinesToSkip -3; it must be 0 or more.",
        "The mapping of 'Person' maps the property 'Ghost', which the entity type 'Person' does not declare.",
        "The mapping of 'Person' does not map the property 'Name', which is required.",
    ];

    [Fact]
    public void IOptionsValue_InvalidSection_ThrowsOptionsValidationExceptionWithTheSentencesOfValidate()
    {
        var section = Section(Invalid());
        using var provider = Services(section).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.Equal(InvalidSectionErrors, exception.Failures);
        Assert.Equal(Connector.Validate(ConnectorConfiguration.Bind(section)), exception.Failures);
        Assert.Equal(typeof(ConnectorOptions), exception.OptionsType);
        Assert.Equal(Options.DefaultName, exception.OptionsName);
        Assert.Equal(string.Join("; ", InvalidSectionErrors), exception.Message);
    }

    [Fact]
    public void IOptionsValue_InvalidSection_FailuresAreTheErrorsOfConnectorCreate()
    {
        var section = Section(Invalid());
        using var provider = Services(section).BuildServiceProvider();

        var failures = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectorOptions>>().Value).Failures;
        var errors = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.FromConfiguration(section)).Errors;

        Assert.Equal(errors, failures);
    }

    [Fact]
    public void IOptionsValue_ValidSection_ResolvesTheBoundOptions()
    {
        using var provider = Services(Section(Valid())).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.Equal("HR", options.Identifier);
        Assert.Equal(';', options.Connections[0].Delimiter);
        Assert.Equal("Person", Assert.Single(options.Mappings).EntityType);
        var connector = Connector.Create(options);
        Assert.Equal(PropertyType.Int32, connector.GetEntityType("Person").GetProperty("Age").Type);
        Assert.Equal(41, connector.MapText("Person", "Id;Name;Age\nP1;Zoé;41\n").Resources[0]["Age"]);
    }

    [Fact]
    public void IStartupValidator_WithValidateOnStart_ReportsTheSameSentencesBeforeAnyResolution()
    {
        var services = Services(Section(Invalid()));
        services.AddOptions<ConnectorOptions>().ValidateOnStart();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(InvalidSectionErrors, exception.Failures);
    }

    [Fact]
    public void IOptionsMonitorGet_NamedInvalidOptions_ReportsTheNameAndTheSentences()
    {
        var services = new ServiceCollection();
        services.AddOptions<ConnectorOptions>("payroll").Bind(Section(Invalid()));
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("payroll"));

        Assert.Equal("payroll", exception.OptionsName);
        Assert.Equal(InvalidSectionErrors, exception.Failures);
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var result = new ConnectorOptionsValidator().Validate("any", ConnectorConfiguration.Bind(Section(Valid())));

        Assert.True(result.Succeeded);
        Assert.False(result.Failed);
        Assert.Null(result.Failures);
    }

    [Fact]
    public void Validate_InvalidOptions_FailsWithEverySentence()
    {
        var result = new ConnectorOptionsValidator().Validate(null, ConnectorConfiguration.Bind(Section(Invalid())));

        Assert.True(result.Failed);
        Assert.Equal(InvalidSectionErrors, result.Failures);
    }

    [Fact]
    public void Validate_NullOptions_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new ConnectorOptionsValidator().Validate(null, null!));

        Assert.Equal("options", exception.ParamName);
    }

    private static ServiceCollection Services(IConfiguration section)
    {
        var services = new ServiceCollection();
        services.AddOptions<ConnectorOptions>().Bind(section);
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        return services;
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["HrConnector:Identifier"] = "HR",
        ["HrConnector:EntityTypes:0:Identifier"] = "Person",
        ["HrConnector:EntityTypes:0:Properties:0:Identifier"] = "Name",
        ["HrConnector:EntityTypes:0:Properties:0:IsRequired"] = "true",
        ["HrConnector:EntityTypes:0:Properties:1:Identifier"] = "Age",
        ["HrConnector:EntityTypes:0:Properties:1:Type"] = "Int32",
        ["HrConnector:Connections:0:Identifier"] = "people",
        ["HrConnector:Connections:0:Path"] = "people.csv",
        ["HrConnector:Connections:0:Delimiter"] = ";",
        ["HrConnector:Mappings:0:EntityType"] = "Person",
        ["HrConnector:Mappings:0:Connection"] = "people",
        ["HrConnector:Mappings:0:KeyColumn"] = "Id",
        ["HrConnector:Mappings:0:Properties:0:Property"] = "Name",
        ["HrConnector:Mappings:0:Properties:0:Column"] = "Name",
        ["HrConnector:Mappings:0:Properties:1:Property"] = "Age",
        ["HrConnector:Mappings:0:Properties:1:Column"] = "Age",
    };

    private static Dictionary<string, string?> Invalid()
    {
        var values = Valid();
        values["HrConnector:Connections:0:Quote"] = ";";
        values["HrConnector:Connections:0:LinesToSkip"] = "-3";
        values["HrConnector:Mappings:0:Properties:0:Property"] = "Ghost";
        return values;
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values)
        => new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("HrConnector");
}
