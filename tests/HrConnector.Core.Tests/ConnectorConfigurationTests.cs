using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using Microsoft.Extensions.Configuration;
using HrConnector.Tests.Modeling;

namespace HrConnector.Tests;

/// <summary>
/// One connector declared three ways — ConnectorBuilder, a JSON file, an in-memory IConfiguration section — gives the
/// same model and maps the same CSV to the same resources.
/// </summary>
public sealed class ConnectorConfigurationTests : IDisposable
{
    private const string ConnectorJson = """
        {
          "Identifier": "HR",
          "DisplayName": "Human resources",
          "DanglingReferences": "RemoveLink",
          "Thresholds": { "MaxDeleted": 10, "MaxUpdatedPercent": 12.5 },
          "EntityTypes": [
            {
              "Identifier": "Department",
              "DisplayName": "Departments",
              "Properties": [ { "Identifier": "Name", "IsRequired": true } ],
              "NavigationProperties": [ { "Identifier": "Parent", "TargetEntityType": "Department" } ]
            },
            {
              "Identifier": "Person",
              "Properties": [
                { "Identifier": "FirstName" },
                { "Identifier": "LastName", "IsRequired": true },
                { "Identifier": "Gender" },
                { "Identifier": "BirthDate", "Type": "Date", "IsSensitive": true },
                { "Identifier": "HireDate", "Type": "Date" },
                { "Identifier": "Fte", "Type": "Decimal" },
                { "Identifier": "IsContractor", "Type": "Boolean" },
                { "Identifier": "Badge", "Type": "Int64" },
                { "Identifier": "Country" },
                { "Identifier": "Roles", "IsMultiValued": true }
              ],
              "NavigationProperties": [
                { "Identifier": "Manager", "TargetEntityType": "Person" },
                { "Identifier": "Departments", "TargetEntityType": "department", "IsMultiValued": true }
              ]
            }
          ],
          "Connections": [
            { "Identifier": "departments", "Path": "data/departments.csv", "Encoding": "windows-1252" },
            {
              "Identifier": "people",
              "Path": "data/people.csv",
              "Delimiter": ";",
              "CommentCharacter": "#",
              "LinesToSkip": 2,
              "ValuesToTrim": [ "'", "*" ],
              "CaseInsensitiveHeaders": true,
              "Culture": "fr-FR",
              "MaxFieldLength": 100,
              "MaxRejects": 5,
              "MaxRejectPercent": 20
            }
          ],
          "Mappings": [
            {
              "EntityType": "Department", "Connection": "departments", "KeyColumn": "Code",
              "Properties": [
                { "Property": "Name", "Column": "Name" },
                { "Property": "Parent", "Column": "ParentCode" }
              ]
            },
            {
              "EntityType": "Person", "Connection": "people", "KeyColumn": "EmployeeId",
              "Properties": [
                { "Property": "FirstName", "Column": "FirstName" },
                { "Property": "LastName", "Column": "LastName" },
                { "Property": "Gender", "Column": "Gender", "ValueMap": { "M": "Male", "F": "Female" }, "RejectUnmappedValues": true },
                { "Property": "BirthDate", "Column": "BirthDate", "Formats": [ "dd/MM/yyyy" ] },
                { "Property": "HireDate", "Column": "HireDate", "Formats": [ "dd/MM/yyyy", "yyyy-MM-dd" ] },
                { "Property": "Fte", "Column": "Fte" },
                { "Property": "IsContractor", "Column": "Contractor", "TrueValues": [ "Oui" ], "FalseValues": [ "Non" ] },
                { "Property": "Badge", "Column": "Badge", "Culture": "en-US" },
                { "Property": "Country", "DefaultValue": "FR" },
                { "Property": "Roles", "Column": "Roles", "Separator": "|", "DefaultValue": "Employee" },
                { "Property": "Manager", "Column": "ManagerId" },
                { "Property": "Departments", "Column": "Departments", "Separator": "," }
              ]
            }
          ]
        }
        """;

    private const string PeopleCsv = "HR export\n"
        + "2024-06-30\n"
        + "EmployeeId;firstname;LastName;Gender;BirthDate;HireDate;Fte;Contractor;Badge;Roles;ManagerId;Departments\n"
        + "# a comment line\n"
        + "'E1';Zoé;Müller;F;31/01/1980;2020-02-01;0,8;Oui;9000000000;b|a|b;;D1,D2\n"
        + "E2;Jürgen;'Weiß';M;01/02/1990;15/03/2021;1;non;42;;*E1*;D2\n";

    private const string DepartmentsCsv = "Code,Name,ParentCode\nD1,Executive,\nD2,Sales,D1\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-forms-").FullName;

    public ConnectorConfigurationTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        File.WriteAllText(Path.Combine(_folder, "data", "people.csv"), PeopleCsv);
        File.WriteAllText(Path.Combine(_folder, "data", "departments.csv"), DepartmentsCsv);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FromJsonFile_SameDeclarationAsTheBuilder_GivesTheSameModel()
    {
        var fromCode = Builder().BaseDirectory(_folder).Build();

        var fromJson = ConnectorConfiguration.FromJsonFile(WriteJson(ConnectorJson));

        Assert.Equal(ModelingFixtures.Describe(fromCode), ModelingFixtures.Describe(fromJson));
        Assert.Equal(fromCode.Thresholds, fromJson.Thresholds);
    }

    [Fact]
    public void FromJsonFile_Declaration_BindsEverySetting()
    {
        var connector = ConnectorConfiguration.FromJsonFile(WriteJson(ConnectorJson));

        Assert.Equal(("HR", "Human resources", DanglingReferencePolicy.RemoveLink), (connector.Identifier, connector.DisplayName, connector.DanglingReferences));
        Assert.Equal(10, connector.Thresholds.MaxDeleted);
        Assert.Equal(12.5, connector.Thresholds.MaxUpdatedPercent);
        Assert.Equal(100, connector.Thresholds.MaxInserted);
        var person = connector.GetEntityType("Person");
        Assert.Equal(
            ["FirstName", "LastName", "Gender", "BirthDate", "HireDate", "Fte", "IsContractor", "Badge", "Country", "Roles", "Manager", "Departments"],
            person.Properties.Select(p => p.Identifier));
        Assert.Equal(
            [PropertyType.String, PropertyType.String, PropertyType.String, PropertyType.Date, PropertyType.Date, PropertyType.Decimal, PropertyType.Boolean, PropertyType.Int64, PropertyType.String, PropertyType.String, PropertyType.String, PropertyType.String],
            person.Properties.Select(p => p.Type));
        Assert.True(person.GetProperty("LastName").IsRequired);
        Assert.True(person.GetProperty("BirthDate").IsSensitive);
        Assert.True(person.GetProperty("Roles").IsMultiValued);
        Assert.Equal("Department", person.GetProperty("Departments").TargetEntityType);
        Assert.True(person.GetProperty("Departments").IsMultiValued);
        Assert.Equal("Departments", connector.GetEntityType("Department").DisplayName);

        var people = connector.Connections[1];
        Assert.Equal(Path.Combine(_folder, "data", "people.csv"), people.Path);
        Assert.Equal((';', '#', 2, "fr-FR", true), (people.Delimiter, people.CommentCharacter, people.LinesToSkip, people.Culture.Name, people.CaseInsensitiveHeaders));
        Assert.Equal(["'", "*"], people.ValuesToTrim);
        Assert.Equal((100, 5, 20d), (people.MaxFieldLength, people.MaxRejects, people.MaxRejectPercent));
        Assert.Equal("windows-1252", connector.Connections[0].Encoding.WebName);

        var mapping = connector.GetMapping("Person");
        Assert.Equal("EmployeeId", mapping.KeyColumn);
        var hireDate = mapping.Properties.Single(p => p.Property.Identifier == "HireDate");
        Assert.Equal(["dd/MM/yyyy", "yyyy-MM-dd"], hireDate.Formats);
        var gender = mapping.Properties.Single(p => p.Property.Identifier == "Gender");
        Assert.Equal(new Dictionary<string, string> { ["M"] = "Male", ["F"] = "Female" }, gender.ValueMap);
        Assert.True(gender.RejectUnmappedValues);
        var roles = mapping.Properties.Single(p => p.Property.Identifier == "Roles");
        Assert.Equal(("|", "Employee"), (roles.Separator, roles.DefaultValue));
        var country = mapping.Properties.Single(p => p.Property.Identifier == "Country");
        Assert.Null(country.Column);
        Assert.Equal("FR", country.DefaultValue);
        Assert.Equal("en-US", mapping.Properties.Single(p => p.Property.Identifier == "Badge").Culture.Name);
        Assert.Equal("fr-FR", mapping.Properties.Single(p => p.Property.Identifier == "Fte").Culture.Name);
        var contractor = mapping.Properties.Single(p => p.Property.Identifier == "IsContractor");
        Assert.Equal(["Oui"], contractor.TrueValues);
        Assert.Equal(["Non"], contractor.FalseValues);
    }

    [Fact]
    public void FromJsonFile_SameDeclarationAsTheBuilder_MapsTheSameTextToTheSameResources()
    {
        var fromCode = Builder().Build();
        var fromJson = ConnectorConfiguration.FromJsonFile(WriteJson(ConnectorJson));

        var code = fromCode.MapText("Person", PeopleCsv);
        var json = fromJson.MapText("Person", PeopleCsv);

        Assert.Empty(code.Rejects);
        Assert.Empty(json.Rejects);
        Assert.Equal(["E1", "E2"], json.Resources.Select(r => r.Key));
        Assert.Equal(code.Resources.Count, json.Resources.Count);
        Assert.All(code.Resources.Zip(json.Resources), pair => Assert.True(pair.First.ContentEquals(pair.Second)));
        AssertExpectedPeople(json);
    }

    [Fact]
    public void FromJsonFile_RelativePaths_AreResolvedAgainstTheFolderOfTheJsonFile()
    {
        var fromCode = Builder().BaseDirectory(_folder).Build();
        var fromJson = ConnectorConfiguration.FromJsonFile(WriteJson(ConnectorJson));

        var people = fromJson.Read("person");
        var departments = fromJson.Read("Department");

        Assert.Equal(Path.Combine(_folder, "data", "people.csv"), people.File);
        AssertExpectedPeople(people);
        Assert.All(fromCode.Read("Person").Resources.Zip(people.Resources), pair => Assert.True(pair.First.ContentEquals(pair.Second)));
        Assert.Equal(["D1", "D2"], departments.Resources.Select(r => r.Key));
        Assert.Equal("D1", departments.Resources[1]["Parent"]);
    }

    [Fact]
    public void FromJsonFile_RelativeBaseDirectory_IsResolvedAgainstTheFolderOfTheJsonFile()
    {
        var json = """
            {
              "Identifier": "HR",
              "BaseDirectory": "data",
              "EntityTypes": [ { "Identifier": "Department", "Properties": [ { "Identifier": "Name" } ] } ],
              "Connections": [ { "Identifier": "departments", "Path": "departments.csv" } ],
              "Mappings": [ { "EntityType": "Department", "Connection": "departments", "KeyColumn": "Code", "Properties": [ { "Property": "Name", "Column": "Name" } ] } ]
            }
            """;

        var connector = ConnectorConfiguration.FromJsonFile(WriteJson(json));

        Assert.Equal(Path.Combine(_folder, "data", "departments.csv"), connector.Connections[0].Path);
        Assert.Equal(["Executive", "Sales"], connector.Read("Department").Resources.Select(r => r["Name"]));
    }

    [Fact]
    public void FromConfiguration_InMemorySection_GivesTheSameModelAndResourcesAsTheBuilder()
    {
        var section = InMemorySection();
        var fromCode = Builder().BaseDirectory(_folder).Build();

        var fromConfiguration = ConnectorConfiguration.FromConfiguration(section, _folder);

        Assert.Equal(ModelingFixtures.Describe(fromCode), ModelingFixtures.Describe(fromConfiguration));
        Assert.Equal(fromCode.Thresholds, fromConfiguration.Thresholds);
        var code = fromCode.MapText("Person", PeopleCsv);
        var configured = fromConfiguration.MapText("Person", PeopleCsv);
        Assert.Empty(configured.Rejects);
        Assert.Equal(code.Resources.Count, configured.Resources.Count);
        Assert.All(code.Resources.Zip(configured.Resources), pair => Assert.True(pair.First.ContentEquals(pair.Second)));
        AssertExpectedPeople(configured);
    }

    [Fact]
    public void FromConfiguration_SectionWithoutBaseDirectory_ResolvesPathsAgainstTheGivenFolder()
    {
        var connector = ConnectorConfiguration.FromConfiguration(InMemorySection(), _folder);

        Assert.Equal(Path.Combine(_folder, "data", "people.csv"), connector.Connections[1].Path);
        AssertExpectedPeople(connector.Read("Person"));
    }

    [Fact]
    public void FromConfiguration_SectionWithBaseDirectory_WinsOverTheGivenFolder()
    {
        var values = InMemoryValues();
        values["HR:BaseDirectory"] = Path.Combine(_folder, "data");
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("HR");

        var connector = ConnectorConfiguration.FromConfiguration(section, Path.Combine(_folder, "elsewhere"));

        Assert.Equal(Path.Combine(_folder, "data", "data", "people.csv"), connector.Connections[1].Path);
    }

    [Fact]
    public void Bind_Section_FillsOptionsWithoutValidatingThem()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HR:Identifier"] = "not valid!",
            ["HR:Connections:0:Identifier"] = "people",
            ["HR:Connections:0:Delimiter"] = ";",
            ["HR:Connections:0:ValuesToTrim:0"] = "'",
        }).Build().GetSection("HR");

        var options = ConnectorConfiguration.Bind(section);

        Assert.Equal("not valid!", options.Identifier);
        Assert.Equal(';', options.Connections[0].Delimiter);
        Assert.Equal(["'"], options.Connections[0].ValuesToTrim);
        Assert.Empty(options.EntityTypes);
        Assert.Equal(100, options.Thresholds.MaxDeleted);
    }

    [Fact]
    public void FromJsonFile_InvalidDeclaration_NamesTheFileInTheMessage()
    {
        var path = WriteJson(ConnectorJson.Replace("\"Culture\": \"fr-FR\"", "\"Culture\": \"xx-NOPE\"", StringComparison.Ordinal));

        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.FromJsonFile(path));

        Assert.Equal("HR (connector.json)", exception.Connector);
        Assert.Equal(["The connection 'people' uses the culture 'xx-NOPE', which is unknown."], exception.Errors);
        Assert.Equal(
            "The connector 'HR (connector.json)' is not valid (1 error):" + Environment.NewLine + " - The connection 'people' uses the culture 'xx-NOPE', which is unknown.",
            exception.Message);
    }

    [Fact]
    public void FromJsonFile_InvalidJson_ThrowsHrConnectorExceptionNamingTheFile()
    {
        var path = WriteJson("{ \"Identifier\": \"HR\", ");

        var exception = Assert.Throws<HrConnectorException>(() => ConnectorConfiguration.FromJsonFile(path));

        Assert.StartsWith($"The connector configuration '{path}' is not valid JSON: ", exception.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(exception.InnerException);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void FromJsonFile_MalformedJson_NamesTheFileLineAndColumn()
    {
        var path = WriteJson(BrokenJson);

        var exception = Assert.Throws<HrConnectorException>(() => ConnectorConfiguration.FromJsonFile(path));

        Assert.Equal($"The connector configuration '{path}' is not valid JSON: line 4, column 30: 'x' is invalid after a value. Expected either ',', '}}', or ']'.", exception.Message);
        Assert.IsType<InvalidDataException>(exception.InnerException);
    }

    [Fact]
    public void FromJsonFile_JsonWhoseRootIsNotAnObject_ThrowsHrConnectorException()
    {
        var path = WriteJson("[ 1, 2 ]");

        var exception = Assert.Throws<HrConnectorException>(() => ConnectorConfiguration.FromJsonFile(path));

        Assert.StartsWith($"The connector configuration '{path}' is not valid JSON: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJsonFile_MissingFile_ThrowsFileNotFoundExceptionWithTheFullPath()
    {
        var path = Path.Combine(_folder, "none.json");

        var exception = Assert.Throws<FileNotFoundException>(() => ConnectorConfiguration.FromJsonFile(path));

        Assert.Equal(path, exception.FileName);
        Assert.Equal($"The connector configuration '{path}' does not exist.", exception.Message);
        Assert.Throws<FileNotFoundException>(() => ConnectorConfiguration.ReadJsonFile(path));
    }

    [Fact]
    public void ReadJsonFile_Declaration_CanBeCompletedInCodeBeforeCreate()
    {
        var path = WriteJson("""
            {
              "Identifier": "HR",
              "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "First" }, { "Identifier": "Last" }, { "Identifier": "Display", "IsRequired": true } ] } ],
              "Connections": [ { "Identifier": "people", "Path": "people.csv" } ],
              "Mappings": [ { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [ { "Property": "First", "Column": "First" }, { "Property": "Last", "Column": "Last" } ] } ]
            }
            """);

        var options = ConnectorConfiguration.ReadJsonFile(path);
        Assert.Equal(["The mapping of 'Person' does not map the property 'Display', which is required."], Connector.Validate(options));
        options.Mappings[0].Properties.Add(new PropertyMappingOptions { Property = "Display", Compute = row => $"{row.Get<string>("First")} {row.Get<string>("Last")}" });
        var connector = Connector.Create(options);

        Assert.Equal(_folder, options.BaseDirectory);
        Assert.Equal(Path.Combine(_folder, "people.csv"), connector.Connections[0].Path);
        Assert.Equal("Zoé Weiß", connector.MapText("Person", "Id,First,Last\nP1,Zoé,Weiß\n").Resources[0]["Display"]);
    }

    [Theory]
    [InlineData("{ \"Identifier\": \"Age\", \"Type\": \"Int33\" }", "{ \"Identifier\": \"people\", \"Path\": \"people.csv\" }", "Int33")]
    [InlineData("{ \"Identifier\": \"Age\", \"Type\": \"Int32\" }", "{ \"Identifier\": \"people\", \"Path\": \"people.csv\", \"LinesToSkip\": \"two\" }", "two")]
    public void FromJsonFile_ValueThatDoesNotBind_IsReportedNotSilentlyDropped(string property, string connection, string badValue)
    {
        var path = WriteJson($$"""
            {
              "Identifier": "HR",
              "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "Name" }, {{property}} ] } ],
              "Connections": [ {{connection}} ],
              "Mappings": [ { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [ { "Property": "Name", "Column": "Name" } ] } ]
            }
            """);

        var exception = Assert.ThrowsAny<HrConnectorException>(() => ConnectorConfiguration.FromJsonFile(path));

        Assert.Contains(badValue, exception.Message, StringComparison.Ordinal);
    }

    /// <summary>The declaration of <see cref="ConnectorJson"/>, in C#.</summary>
    private static ConnectorBuilder Builder()
    {
        var builder = new ConnectorBuilder("HR", "Human resources")
            .EntityType("Department", e => e.DisplayName("Departments").Property("Name", isRequired: true).Navigation("Parent", "Department"))
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName", isRequired: true)
                .Property("Gender")
                .Property("BirthDate", PropertyType.Date, isSensitive: true)
                .Property("HireDate", PropertyType.Date)
                .Property("Fte", PropertyType.Decimal)
                .Property("IsContractor", PropertyType.Boolean)
                .Property("Badge", PropertyType.Int64)
                .Property("Country")
                .Property("Roles", isMultiValued: true)
                .Navigation("Manager", "Person")
                .Navigation("Departments", "Department", isMultiValued: true))
            .CsvConnection("departments", c => { c.Path = "data/departments.csv"; c.Encoding = "windows-1252"; })
            .CsvConnection("people", c =>
            {
                c.Path = "data/people.csv";
                c.Delimiter = ';';
                c.CommentCharacter = '#';
                c.LinesToSkip = 2;
                c.ValuesToTrim.Add("'");
                c.ValuesToTrim.Add("*");
                c.CaseInsensitiveHeaders = true;
                c.Culture = "fr-FR";
                c.MaxFieldLength = 100;
                c.MaxRejects = 5;
                c.MaxRejectPercent = 20;
            })
            .Map("Department", "departments", "Code", m => m.Column("Name", "Name").Column("Parent", "ParentCode"))
            .Map("Person", "people", "EmployeeId", m => m
                .Column("FirstName", "FirstName")
                .Column("LastName", "LastName")
                .Column("Gender", "Gender", p => { p.ValueMap["M"] = "Male"; p.ValueMap["F"] = "Female"; p.RejectUnmappedValues = true; })
                .Date("BirthDate", "BirthDate", "dd/MM/yyyy")
                .Date("HireDate", "HireDate", "dd/MM/yyyy", "yyyy-MM-dd")
                .Column("Fte", "Fte")
                .Column("IsContractor", "Contractor", p => { p.TrueValues.Add("Oui"); p.FalseValues.Add("Non"); })
                .Column("Badge", "Badge", p => p.Culture = "en-US")
                .Constant("Country", "FR")
                .Column("Roles", "Roles", p => { p.Separator = "|"; p.DefaultValue = "Employee"; })
                .Column("Manager", "ManagerId")
                .Column("Departments", "Departments", p => p.Separator = ","));
        builder.Options.DanglingReferences = DanglingReferencePolicy.RemoveLink;
        builder.Options.Thresholds.MaxDeleted = 10;
        builder.Options.Thresholds.MaxUpdatedPercent = 12.5;
        return builder;
    }

    private static Dictionary<string, string?> InMemoryValues()
    {
        var values = new Dictionary<string, string?>
        {
            ["HR:Identifier"] = "HR",
            ["HR:DisplayName"] = "Human resources",
            ["HR:DanglingReferences"] = "RemoveLink",
            ["HR:Thresholds:MaxDeleted"] = "10",
            ["HR:Thresholds:MaxUpdatedPercent"] = 12.5.ToString(CultureInfo.InvariantCulture),
            ["HR:EntityTypes:0:Identifier"] = "Department",
            ["HR:EntityTypes:0:DisplayName"] = "Departments",
            ["HR:EntityTypes:0:Properties:0:Identifier"] = "Name",
            ["HR:EntityTypes:0:Properties:0:IsRequired"] = "true",
            ["HR:EntityTypes:0:NavigationProperties:0:Identifier"] = "Parent",
            ["HR:EntityTypes:0:NavigationProperties:0:TargetEntityType"] = "Department",
            ["HR:EntityTypes:1:Identifier"] = "Person",
            ["HR:EntityTypes:1:NavigationProperties:0:Identifier"] = "Manager",
            ["HR:EntityTypes:1:NavigationProperties:0:TargetEntityType"] = "Person",
            ["HR:EntityTypes:1:NavigationProperties:1:Identifier"] = "Departments",
            ["HR:EntityTypes:1:NavigationProperties:1:TargetEntityType"] = "department",
            ["HR:EntityTypes:1:NavigationProperties:1:IsMultiValued"] = "true",
            ["HR:Connections:0:Identifier"] = "departments",
            ["HR:Connections:0:Path"] = "data/departments.csv",
            ["HR:Connections:0:Encoding"] = "windows-1252",
            ["HR:Connections:1:Identifier"] = "people",
            ["HR:Connections:1:Path"] = "data/people.csv",
            ["HR:Connections:1:Delimiter"] = ";",
            ["HR:Connections:1:CommentCharacter"] = "#",
            ["HR:Connections:1:LinesToSkip"] = "2",
            ["HR:Connections:1:ValuesToTrim:0"] = "'",
            ["HR:Connections:1:ValuesToTrim:1"] = "*",
            ["HR:Connections:1:CaseInsensitiveHeaders"] = "true",
            ["HR:Connections:1:Culture"] = "fr-FR",
            ["HR:Connections:1:MaxFieldLength"] = "100",
            ["HR:Connections:1:MaxRejects"] = "5",
            ["HR:Connections:1:MaxRejectPercent"] = "20",
            ["HR:Mappings:0:EntityType"] = "Department",
            ["HR:Mappings:0:Connection"] = "departments",
            ["HR:Mappings:0:KeyColumn"] = "Code",
            ["HR:Mappings:0:Properties:0:Property"] = "Name",
            ["HR:Mappings:0:Properties:0:Column"] = "Name",
            ["HR:Mappings:0:Properties:1:Property"] = "Parent",
            ["HR:Mappings:0:Properties:1:Column"] = "ParentCode",
            ["HR:Mappings:1:EntityType"] = "Person",
            ["HR:Mappings:1:Connection"] = "people",
            ["HR:Mappings:1:KeyColumn"] = "EmployeeId",
            ["HR:Mappings:1:Properties:2:ValueMap:M"] = "Male",
            ["HR:Mappings:1:Properties:2:ValueMap:F"] = "Female",
            ["HR:Mappings:1:Properties:2:RejectUnmappedValues"] = "true",
            ["HR:Mappings:1:Properties:3:Formats:0"] = "dd/MM/yyyy",
            ["HR:Mappings:1:Properties:4:Formats:0"] = "dd/MM/yyyy",
            ["HR:Mappings:1:Properties:4:Formats:1"] = "yyyy-MM-dd",
            ["HR:Mappings:1:Properties:6:TrueValues:0"] = "Oui",
            ["HR:Mappings:1:Properties:6:FalseValues:0"] = "Non",
            ["HR:Mappings:1:Properties:7:Culture"] = "en-US",
            ["HR:Mappings:1:Properties:8:DefaultValue"] = "FR",
            ["HR:Mappings:1:Properties:9:Separator"] = "|",
            ["HR:Mappings:1:Properties:9:DefaultValue"] = "Employee",
            ["HR:Mappings:1:Properties:11:Separator"] = ",",
        };
        (string Identifier, string? Type, bool Required, bool Sensitive, bool Multi)[] scalars =
        [
            ("FirstName", null, false, false, false),
            ("LastName", null, true, false, false),
            ("Gender", null, false, false, false),
            ("BirthDate", "Date", false, true, false),
            ("HireDate", "Date", false, false, false),
            ("Fte", "Decimal", false, false, false),
            ("IsContractor", "Boolean", false, false, false),
            ("Badge", "Int64", false, false, false),
            ("Country", null, false, false, false),
            ("Roles", null, false, false, true),
        ];
        for (var i = 0; i < scalars.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"HR:EntityTypes:1:Properties:{i}:");
            values[prefix + "Identifier"] = scalars[i].Identifier;
            if (scalars[i].Type is { } type)
            {
                values[prefix + "Type"] = type;
            }

            values[prefix + "IsRequired"] = scalars[i].Required ? "true" : "false";
            values[prefix + "IsSensitive"] = scalars[i].Sensitive ? "true" : "false";
            values[prefix + "IsMultiValued"] = scalars[i].Multi ? "true" : "false";
        }

        (string Property, string? Column)[] mapped =
        [
            ("FirstName", "FirstName"), ("LastName", "LastName"), ("Gender", "Gender"), ("BirthDate", "BirthDate"), ("HireDate", "HireDate"),
            ("Fte", "Fte"), ("IsContractor", "Contractor"), ("Badge", "Badge"), ("Country", null), ("Roles", "Roles"), ("Manager", "ManagerId"), ("Departments", "Departments"),
        ];
        for (var i = 0; i < mapped.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"HR:Mappings:1:Properties:{i}:");
            values[prefix + "Property"] = mapped[i].Property;
            if (mapped[i].Column is { } column)
            {
                values[prefix + "Column"] = column;
            }
        }

        return values;
    }

    private static IConfigurationSection InMemorySection()
        => new ConfigurationBuilder().AddInMemoryCollection(InMemoryValues()).Build().GetSection("HR");

    private static void AssertExpectedPeople(MappingResult result)
    {
        Assert.Empty(result.Rejects);
        Assert.Equal(["E1", "E2"], result.Resources.Select(r => r.Key));
        Assert.Equal([5L, 6L], result.Resources.Select(r => r.Line));
        var zoe = result.Resources[0].ToDictionary();
        Assert.Equal("Zoé", zoe["FirstName"]);
        Assert.Equal("Female", zoe["Gender"]);
        Assert.Equal(new DateOnly(1980, 1, 31), zoe["BirthDate"]);
        Assert.Equal(new DateOnly(2020, 2, 1), zoe["HireDate"]);
        Assert.Equal(0.8m, zoe["Fte"]);
        Assert.Equal(true, zoe["IsContractor"]);
        Assert.Equal(9000000000L, zoe["Badge"]);
        Assert.Equal("FR", zoe["Country"]);
        Assert.Equal(["a", "b"], ((IEnumerable<object>)zoe["Roles"]!).Cast<string>().Order(StringComparer.Ordinal));
        Assert.Null(zoe["Manager"]);
        Assert.Equal(["D1", "D2"], ((IEnumerable<object>)zoe["Departments"]!).Cast<string>().Order(StringComparer.Ordinal));
        var jurgen = result.Resources[1].ToDictionary();
        Assert.Equal("Weiß", jurgen["LastName"]);
        Assert.Equal("Male", jurgen["Gender"]);
        Assert.Equal(new DateOnly(2021, 3, 15), jurgen["HireDate"]);
        Assert.Equal(1m, jurgen["Fte"]);
        Assert.Equal(false, jurgen["IsContractor"]);
        Assert.Equal(42L, jurgen["Badge"]);
        Assert.Equal(["Employee"], (IEnumerable<object>)jurgen["Roles"]!);
        Assert.Equal("E1", jurgen["Manager"]);
        Assert.Equal(["D2"], (IEnumerable<object>)jurgen["Departments"]!);
    }

    /// <summary>A connector.json broken on line 4, column 30 (a stray token after a value).</summary>
    internal const string BrokenJson = "{\n  \"Identifier\": \"HR\",\n  \"Connections\": [\n    { \"Identifier\": \"people\" x }\n  ]\n}\n";

    private string WriteJson(string json)
    {
        var path = Path.Combine(_folder, "connector.json");
        File.WriteAllText(path, json);
        return path;
    }
}
