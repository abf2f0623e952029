using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HrConnector.Tests.Modeling;

namespace HrConnector.Tests;

/// <summary>Validation of connector declarations, and the builder and configuration forms of the same model.</summary>
public sealed class ConnectorConfigurationDeclarationsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Create_SeveralProblems_ListsEveryOneInOneException()
    {
        var options = new ConnectorOptions { Identifier = "HR" };
        options.EntityTypes.Add(new EntityTypeOptions { Identifier = "Person" });
        options.EntityTypes[0].Properties.Add(new ScalarPropertyOptions { Identifier = "Name" });
        options.EntityTypes[0].Properties.Add(new ScalarPropertyOptions { Identifier = "name" });
        options.EntityTypes[0].NavigationProperties.Add(new NavigationPropertyOptions { Identifier = "Manager", TargetEntityType = "Boss" });
        options.Connections.Add(new CsvConnectionOptions { Identifier = "people", Delimiter = '"' });
        options.Mappings.Add(new EntityTypeMappingOptions { EntityType = "Person", Connection = "staff", KeyColumn = "Id" });

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal(
            "The connector 'HR' is not valid (5 errors):" + Environment.NewLine
            + " - The entity type 'Person' declares the property 'name' more than once (identifiers are compared ignoring case, across scalar and navigation properties)." + Environment.NewLine
            + " - The navigation property 'Person.Manager' refers to the entity type 'Boss', which the connector does not declare." + Environment.NewLine
            + " - The connection 'people' must set exactly one of Path and Directory." + Environment.NewLine
            + " - The connection 'people' uses the same character for two of Delimiter ('\"'), Quote ('\"') and CommentCharacter ('')." + Environment.NewLine
            + " - The mapping of 'Person' names the connection 'staff', which the connector does not declare.",
            exception.Message);
        Assert.Equal(5, exception.Errors.Count);
        Assert.Equal(exception.Errors, Connector.Validate(options));
    }

    public static TheoryData<Action<ConnectorBuilder>, string> Problems => new()
    {
        { b => b.Options.Identifier = "H R", "The connector has the identifier 'H R', which is not valid: use letters, digits and underscores, starting with a letter or an underscore." },
        { b => b.Options.Connections[0].Encoding = "klingon", "The connection 'people' uses the encoding 'klingon', which is unknown: use utf-8, utf-16, utf-16BE, windows-1252, iso-8859-1 or a code page number." },
        { b => b.Options.Connections[0].Culture = "xx-NOPE", "The connection 'people' uses the culture 'xx-NOPE', which is unknown." },
        { b => b.Options.Connections[0].LinesToSkip = -1, "The connection 'people' has LinesToSkip -1; it must be 0 or more." },
        { b => b.Options.Connections[0].MaxRejectPercent = 120, "The connection 'people' has MaxRejectPercent 120; it must be between 0 (no limit) and 100." },
        { b => b.Options.Connections[0].Delimiter = '§', "The connection 'people' has Delimiter U+00A7, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter)." },
        { b => b.Options.Connections[0].ColumnNames.Add("Id"), "The connection 'people' sets ColumnNames, which only apply when HasHeader is false." },
        { b => { b.Options.Connections[0].Path = null; b.Options.Connections[0].Directory = "in"; }, "The connection 'people' reads a folder but has no FileNamePattern to choose the file." },
        { b => { b.Options.Connections[0].Path = null; b.Options.Connections[0].Directory = "in"; b.Options.Connections[0].FileNamePattern = "(["; }, "The connection 'people' has a FileNamePattern that is not a valid regular expression: Invalid pattern '([' at offset 2. Unterminated [] set." },
        { b => b.Options.Mappings[0].Properties.Add(new PropertyMappingOptions { Property = "Ghost", Column = "G" }), "The mapping of 'Person' maps the property 'Ghost', which the entity type 'Person' does not declare." },
        { b => b.Options.Mappings[0].Properties.Add(new PropertyMappingOptions { Property = "Name", Column = "Other" }), "The mapping of 'Person' maps the property 'Name' more than once." },
        { b => b.Options.Mappings[0].Properties[0].Formats.Add("yyyy"), "The mapping of 'Person', property 'Name', sets Formats, which only apply to Date and DateTime properties." },
        { b => b.Options.Mappings[0].Properties[0].Separator = "|", "The mapping of 'Person', property 'Name', sets a Separator, but the property is not multi-valued." },
        { b => b.Options.Mappings[0].Properties[0].Compute = _ => "x", "The mapping of 'Person', property 'Name', sets both a Column and a Compute function; choose one." },
        { b => b.Options.Mappings[0].Properties[1].DefaultValue = "soon", "The mapping of 'Person', property 'Hired', has DefaultValue 'soon' that does not convert to Date: the value is not a date in the format 'yyyy-MM-dd'." },
        { b => { b.Options.Mappings[0].Properties[2].TrueValues.Add("Y"); b.Options.Mappings[0].Properties[2].FalseValues.Add("y"); }, "The mapping of 'Person', property 'Active', has tokens that are both true and false: 'Y'." },
        { b => b.Options.Mappings[0].Properties.RemoveAt(0), "The mapping of 'Person' does not map the property 'Name', which is required." },
        { b => b.Options.Mappings.Add(new EntityTypeMappingOptions { EntityType = "Person", Connection = "people", KeyColumn = "Id" }), "The mapping of 'Person' is declared more than once: an entity type is read from one file." },
        { b => b.Options.Thresholds.MaxDeleted = -1, "The connector has the threshold MaxDeleted -1; it must be 0 (off) or more." },
        { b => b.Options.EntityTypes[0].Thresholds = new() { MaxUpdatedPercent = 101 }, "The entity type 'Person' has the threshold MaxUpdatedPercent 101; it must be between 0 (off) and 100." },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Create_OneProblem_IsDescribed(Action<ConnectorBuilder> breakIt, string expected)
    {
        var builder = Valid();
        breakIt(builder);

        var exception = Assert.Throws<ConnectorValidationException>(builder.Build);

        Assert.Equal([expected], exception.Errors);
    }

    [Fact]
    public void Create_HeaderlessConnection_ChecksColumnsAgainstColumnNames()
    {
        var builder = Valid();
        builder.Options.Connections[0].HasHeader = false;
        builder.Options.Connections[0].ColumnNames.Add("Id");
        builder.Options.Connections[0].ColumnNames.Add("Name");

        var exception = Assert.Throws<ConnectorValidationException>(builder.Build);

        Assert.Equal(
            [
                "The mapping of 'Person', property 'Hired', reads the column 'Hired', which is not among the ColumnNames of the connection 'people'.",
                "The mapping of 'Person', property 'Active', reads the column 'Active', which is not among the ColumnNames of the connection 'people'.",
            ],
            exception.Errors);
    }

    [Fact]
    public void FromJsonFile_SameModelAsTheBuilder_MapsTheSameResources()
    {
        File.WriteAllText(Path.Combine(_folder, "connector.json"), """
        {
          "Identifier": "HR",
          "Thresholds": { "MaxDeleted": 10 },
          "EntityTypes": [
            {
              "Identifier": "Person",
              "Properties": [
                { "Identifier": "Name", "IsRequired": true },
                { "Identifier": "Hired", "Type": "Date" },
                { "Identifier": "Active", "Type": "Boolean" },
                { "Identifier": "Tags", "IsMultiValued": true }
              ]
            }
          ],
          "Connections": [ { "Identifier": "people", "Path": "people.csv", "Delimiter": ";", "LinesToSkip": 1, "ValuesToTrim": [ "'" ], "Culture": "fr-FR" } ],
          "Mappings": [
            {
              "EntityType": "Person", "Connection": "people", "KeyColumn": "Id",
              "Properties": [
                { "Property": "Name", "Column": "Name", "ValueMap": { "?": "Unknown" } },
                { "Property": "Hired", "Column": "Hired", "Formats": [ "dd/MM/yyyy", "yyyy-MM-dd" ] },
                { "Property": "Active", "Column": "Active", "TrueValues": [ "oui" ], "FalseValues": [ "non" ] },
                { "Property": "Tags", "Column": "Tags", "Separator": "|" }
              ]
            }
          ]
        }
        """);
        var csv = "title\nId;Name;Hired;Active;Tags\n'P1';'?';31/01/2020;oui;b|a\nP2;Zoé;2021-05-04;non;\n";
        File.WriteAllText(Path.Combine(_folder, "people.csv"), csv);
        var builder = new ConnectorBuilder("HR")
            .EntityType("Person", e => e.Property("Name", isRequired: true).Property("Hired", PropertyType.Date).Property("Active", PropertyType.Boolean).Property("Tags", isMultiValued: true))
            .CsvConnection("people", c => { c.Path = "people.csv"; c.Delimiter = ';'; c.LinesToSkip = 1; c.ValuesToTrim.Add("'"); c.Culture = "fr-FR"; })
            .Map("Person", "people", "Id", m => m
                .Column("Name", "Name", p => p.ValueMap["?"] = "Unknown")
                .Date("Hired", "Hired", "dd/MM/yyyy", "yyyy-MM-dd")
                .Column("Active", "Active", p => { p.TrueValues.Add("oui"); p.FalseValues.Add("non"); })
                .Column("Tags", "Tags", p => p.Separator = "|"));
        builder.Options.Thresholds.MaxDeleted = 10;

        var fromJson = ConnectorConfiguration.FromJsonFile(Path.Combine(_folder, "connector.json"));
        var fromCode = builder.BaseDirectory(_folder).Build();

        var connection = fromJson.Connections[0];
        Assert.Equal((';', 1, "fr-FR", Path.Combine(_folder, "people.csv")), (connection.Delimiter, connection.LinesToSkip, connection.Culture.Name, connection.Path));
        Assert.Equal(["'"], connection.ValuesToTrim);
        Assert.Equal(10, fromJson.Thresholds.MaxDeleted);
        Assert.Equal(fromCode.Thresholds, fromJson.Thresholds);
        var json = fromJson.Read("Person");
        var code = fromCode.Read("Person");
        Assert.Empty(json.Rejects);
        Assert.Equal(2, json.Resources.Count);
        Assert.All(json.Resources.Zip(code.Resources), pair => Assert.True(pair.First.ContentEquals(pair.Second)));
        Assert.Equal("Unknown", json.Resources[0]["Name"]);
        Assert.Equal(new DateOnly(2020, 1, 31), json.Resources[0]["Hired"]);
    }

    [Fact]
    public void FromConfiguration_InMemorySection_BindsTheModel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HrConnector:Identifier"] = "HR",
            ["HrConnector:EntityTypes:0:Identifier"] = "Person",
            ["HrConnector:EntityTypes:0:Properties:0:Identifier"] = "Age",
            ["HrConnector:EntityTypes:0:Properties:0:Type"] = "Int32",
            ["HrConnector:Connections:0:Identifier"] = "people",
            ["HrConnector:Connections:0:Path"] = "people.csv",
            ["HrConnector:Mappings:0:EntityType"] = "Person",
            ["HrConnector:Mappings:0:Connection"] = "people",
            ["HrConnector:Mappings:0:KeyColumn"] = "Id",
            ["HrConnector:Mappings:0:Properties:0:Property"] = "Age",
            ["HrConnector:Mappings:0:Properties:0:Column"] = "Age",
        }).Build();

        var connector = ConnectorConfiguration.FromConfiguration(configuration.GetSection("HrConnector"), _folder);

        Assert.Equal(PropertyType.Int32, connector.GetEntityType("Person").GetProperty("Age").Type);
        Assert.Equal(41, connector.MapText("Person", "Id,Age\nP1,41\n").Resources[0]["Age"]);
    }

    [Fact]
    public void FromJsonFile_InvalidJsonOrMissingFile_FailsClearly()
    {
        var path = Path.Combine(_folder, "broken.json");
        File.WriteAllText(path, "{ \"Identifier\": ");

        var invalid = Assert.Throws<HrConnectorException>(() => ConnectorConfiguration.FromJsonFile(path));
        Assert.StartsWith($"The connector configuration '{path}' is not valid JSON", invalid.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => ConnectorConfiguration.FromJsonFile(Path.Combine(_folder, "none.json")));
    }

    [Fact]
    public void ConnectorOptionsValidator_WithValidateOnStart_ReportsTheSameSentences()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HrConnector:Identifier"] = "HR",
        }).Build();
        var services = new ServiceCollection();
        services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection("HrConnector")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.Equal(["The connector declares no entity type."], exception.Failures);
    }

    [Fact]
    public void StrictBindThroughOptions_MisspeltKey_FailsWithItsPath()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HrConnector:Identifier"] = "HR",
            ["HrConnector:Connections:0:Identifier"] = "people",
            ["HrConnector:Connections:0:Delimeter"] = ";",
        }).Build().GetSection("HrConnector");
        var services = new ServiceCollection();
        services.AddOptions<ConnectorOptions>().Configure(options => ConnectorConfiguration.Bind(section, options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.StartsWith("The setting 'HrConnector:Connections:0:Delimeter' is unknown; check its spelling", Assert.Single(exception.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectorOptionsValidator_ValidDeclaration_Succeeds()
    {
        var result = new ConnectorOptionsValidator().Validate(null, Valid().Options);

        Assert.True(result.Succeeded);
    }

    private static ConnectorBuilder Valid()
        => new ConnectorBuilder("HR")
            .EntityType("Person", e => e.Property("Name", isRequired: true).Property("Hired", PropertyType.Date).Property("Active", PropertyType.Boolean))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m.Column("Name", "Name").Column("Hired", "Hired").Column("Active", "Active"));
}
