using System.Globalization;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using HrConnector.Tests.Modeling;

namespace HrConnector.Tests;

/// <summary>ConnectorOptions defaults, what ConnectorBuilder writes into them, and the validated model a connector exposes.</summary>
public class ConnectorFactoryTests
{
    [Fact]
    public void ConnectorOptions_New_HasSafeDefaults()
    {
        var options = new ConnectorOptions();

        Assert.Equal((string.Empty, null, null), (options.Identifier, options.DisplayName, options.BaseDirectory));
        Assert.Equal(DanglingReferencePolicy.RejectRow, options.DanglingReferences);
        Assert.Equal((100, 100, 100), (options.Thresholds.MaxInserted, options.Thresholds.MaxUpdated, options.Thresholds.MaxDeleted));
        Assert.Equal((5d, 5d, 5d), (options.Thresholds.MaxInsertedPercent, options.Thresholds.MaxUpdatedPercent, options.Thresholds.MaxDeletedPercent));
        Assert.Empty(options.EntityTypes);
        Assert.Empty(options.Connections);
        Assert.Empty(options.Mappings);
    }

    [Fact]
    public void CsvConnectionOptions_New_FollowsCsvDefaults()
    {
        var options = new CsvConnectionOptions();

        Assert.Equal(("utf-8", ',', '"', (char?)null), (options.Encoding, options.Delimiter, options.Quote, options.CommentCharacter));
        Assert.Equal((0, true, true, false, false), (options.LinesToSkip, options.HasHeader, options.TrimWhitespace, options.SpacesAroundQuotes, options.CaseInsensitiveHeaders));
        Assert.Equal((string.Empty, 0, 0, 10d), (options.Culture, options.MaxFieldLength, options.MaxRejects, options.MaxRejectPercent));
        Assert.Null(options.Path);
        Assert.Null(options.Directory);
        Assert.Null(options.FileNamePattern);
    }

    [Fact]
    public void ConnectorBuilder_Declarations_FillTheOptions()
    {
        Func<ComputeContext, object?> compute = _ => "x";

        var builder = new ConnectorBuilder("HR", "Human resources")
            .BaseDirectory("/data/hr")
            .EntityType("Person", e => e
                .DisplayName("People")
                .Property("Name", isRequired: true)
                .Property("Salary", PropertyType.Decimal, isSensitive: true)
                .Property("Roles", isMultiValued: true)
                .Navigation("Managers", "Person", isMultiValued: true, isRequired: true))
            .CsvConnection("people", c => { c.Path = "people.csv"; c.Delimiter = ';'; })
            .Map("Person", "people", "Id", m => m
                .Column("Name", "Full Name", p => p.DefaultValue = "?")
                .Date("Salary", "Pay", "a", "b")
                .Computed("Roles", compute)
                .Constant("Managers", "E0"));
        var options = builder.Options;

        Assert.Equal(("HR", "Human resources", "/data/hr"), (options.Identifier, options.DisplayName, options.BaseDirectory));
        var person = Assert.Single(options.EntityTypes);
        Assert.Equal(("Person", "People"), (person.Identifier, person.DisplayName));
        Assert.Equal(
            [("Name", PropertyType.String, true, false, false), ("Salary", PropertyType.Decimal, false, true, false), ("Roles", PropertyType.String, false, false, true)],
            person.Properties.Select(p => (p.Identifier, p.Type, p.IsRequired, p.IsSensitive, p.IsMultiValued)));
        var managers = Assert.Single(person.NavigationProperties);
        Assert.Equal(("Managers", "Person", true, true), (managers.Identifier, managers.TargetEntityType, managers.IsMultiValued, managers.IsRequired));
        var connection = Assert.Single(options.Connections);
        Assert.Equal(("people", "people.csv", ';'), (connection.Identifier, connection.Path, connection.Delimiter));
        var mapping = Assert.Single(options.Mappings);
        Assert.Equal(("Person", "people", "Id", (string?)null), (mapping.EntityType, mapping.Connection, mapping.KeyColumn, mapping.CommandColumn));
        Assert.Equal(
            [("Name", "Full Name", "?"), ("Salary", "Pay", null), ("Roles", null, null), ("Managers", null, "E0")],
            mapping.Properties.Select(p => (p.Property, p.Column, p.DefaultValue)));
        Assert.Equal(["a", "b"], mapping.Properties[1].Formats);
        Assert.Same(compute, mapping.Properties[2].Compute);
    }

    [Fact]
    public void Build_SameOptionsAsCreate_GiveTheSameModel()
    {
        var builder = ModelingFixtures.ValidBuilder();

        Assert.Equal(ModelingFixtures.Describe(Connector.Create(builder.Options)), ModelingFixtures.Describe(builder.Build()));
    }

    [Fact]
    public void Build_Properties_ScalarOnesFirstThenNavigationOnesEachInDeclarationOrder()
    {
        var connector = new ConnectorBuilder("HR")
            .EntityType("Person", e => e
                .Navigation("Manager", "person")
                .Property("Name")
                .Navigation("Department", "DEPARTMENT")
                .Property("Age", PropertyType.Int32))
            .EntityType("Department", e => e.Property("Name"))
            .Build();

        var person = connector.GetEntityType("Person");

        Assert.Equal(
            [("Name", 0, false, null), ("Age", 1, false, null), ("Manager", 2, true, "Person"), ("Department", 3, true, "Department")],
            person.Properties.Select(p => (p.Identifier, p.Index, p.IsNavigation, p.TargetEntityType)));
        Assert.Equal(PropertyType.String, person.GetProperty("Manager").Type);
        Assert.False(person.GetProperty("Manager").IsSensitive);
    }

    [Fact]
    public void Build_LookUps_IgnoreCaseAndNameWhatIsMissing()
    {
        var connector = ModelingFixtures.ValidBuilder().Build();

        Assert.Same(connector.EntityTypes[1], connector.GetEntityType("PERSON"));
        Assert.Same(connector.Mappings[1], connector.GetMapping("person"));
        Assert.Same(connector.EntityTypes[1].Properties[1], connector.GetEntityType("Person").GetProperty("lastNAME"));
        Assert.True(connector.GetEntityType("Person").TryGetProperty("roles", out var roles));
        Assert.Equal("Roles", roles.Identifier);
        Assert.False(connector.GetEntityType("Person").TryGetProperty("Salary", out _));
        Assert.Equal("The connector 'HR' has no entity type 'Contractor'.", Assert.Throws<KeyNotFoundException>(() => connector.GetEntityType("Contractor")).Message);
        Assert.Equal("The connector 'HR' has no mapping for the entity type 'Contractor'.", Assert.Throws<KeyNotFoundException>(() => connector.GetMapping("Contractor")).Message);
        Assert.Equal("The entity type 'Person' has no property 'Salary'.", Assert.Throws<KeyNotFoundException>(() => connector.GetEntityType("Person").GetProperty("Salary")).Message);
    }

    [Fact]
    public void Build_UnmappedEntityType_HasNoMappingAndCannotBeMapped()
    {
        var connector = new ConnectorBuilder("HR")
            .EntityType("Site", e => e.Property("Name"))
            .EntityType("Person", e => e.Property("Name"))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m.Column("Name", "Name"))
            .Build();

        Assert.Equal(["Person"], connector.Mappings.Select(m => m.EntityType.Identifier));
        Assert.Throws<KeyNotFoundException>(() => connector.MapText("Site", "Id,Name\n1,x\n"));
    }

    [Fact]
    public void Build_Mappings_AreInEntityTypeOrderWhateverTheirDeclarationOrder()
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Department", e => e.Property("Name"))
            .EntityType("Person", e => e.Property("Name"))
            .CsvConnection("people", c => c.Path = "people.csv")
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .Map("Person", "people", "Id", m => m.Column("Name", "Name"))
            .Map("department", "DEPARTMENTS", "Code", m => m.Column("name", "Name"));

        var connector = builder.Build();

        Assert.Equal(["Department", "Person"], connector.Mappings.Select(m => m.EntityType.Identifier));
        Assert.Equal(["people", "departments"], connector.Connections.Select(c => c.Identifier));
        Assert.Same(connector.Connections[1], connector.GetMapping("Department").Connection);
        Assert.Equal("Name", connector.GetMapping("Department").Properties[0].Property.Identifier);
    }

    [Fact]
    public void Build_DisplayNames_DefaultToTheIdentifiers()
    {
        var connector = ModelingFixtures.ValidBuilder().Build();

        Assert.Equal(("HR", "HR"), (connector.DisplayName, connector.ToString()));
        Assert.Equal("Person", connector.GetEntityType("Person").DisplayName);
        Assert.Null(connector.GetEntityType("Person").Thresholds);
    }

    [Fact]
    public void Build_Connection_ResolvesPathsAgainstTheBaseDirectoryAndAppliesDefaults()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hr-base");
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "departments.csv");
        var builder = ModelingFixtures.ValidBuilder().BaseDirectory(folder);
        builder.Options.Connections[0].Path = absolute;
        builder.Options.People().Path = Path.Combine("in", "..", "people.csv");

        var connector = builder.Build();

        Assert.Equal(absolute, connector.Connections[0].Path);
        var people = connector.Connections[1];
        Assert.Equal(Path.Combine(folder, "people.csv"), people.Path);
        Assert.Null(people.Directory);
        Assert.Null(people.FileNamePattern);
        Assert.Equal(("utf-8", ',', '"', (char?)null), (people.Encoding.WebName, people.Delimiter, people.Quote, people.CommentCharacter));
        Assert.Same(CultureInfo.InvariantCulture, people.Culture);
        Assert.Equal((10d, 0, 0), (people.MaxRejectPercent, people.MaxRejects, people.MaxFieldLength));
        Assert.Equal("people", people.ToString());
    }

    [Fact]
    public void Build_DirectoryConnection_ResolvesTheFolderAndCompilesTheCaseInsensitivePattern()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hr-base");
        var builder = ModelingFixtures.ValidBuilder().BaseDirectory(folder);
        builder.Options.People().Path = null;
        builder.Options.People().Directory = "drop";
        builder.Options.People().FileNamePattern = @"^people_\d{8}\.csv$";

        var people = builder.Build().Connections[1];

        Assert.Null(people.Path);
        Assert.Equal(Path.Combine(folder, "drop"), people.Directory);
        var pattern = Assert.IsType<System.Text.RegularExpressions.Regex>(people.FileNamePattern);
        Assert.Matches(pattern, "PEOPLE_20240630.CSV");
        Assert.DoesNotMatch(pattern, "people_2024.csv");
    }

    [Fact]
    public void Build_PropertyMapping_ExposesItsValidatedSettings()
    {
        var builder = ModelingFixtures.ValidBuilder();
        builder.Options.People().Culture = "fr-FR";
        builder.Options.PersonProperty("Fte").Culture = "en-GB";
        builder.Options.PersonProperty("Active").TrueValues.Add("Oui");

        var connector = builder.Build();

        var mapping = connector.GetMapping("Person");
        var fte = mapping.Properties.Single(p => p.Property.Identifier == "Fte");
        Assert.Equal("en-GB", fte.Culture.Name);
        Assert.Equal("fr-FR", mapping.Properties.Single(p => p.Property.Identifier == "Hired").Culture.Name);
        Assert.Equal(["Oui"], mapping.Properties.Single(p => p.Property.Identifier == "Active").TrueValues);
        Assert.Equal("Fte ← Fte", fte.ToString());
        Assert.Same(connector.GetEntityType("Person").GetProperty("Fte"), fte.Property);
    }

    [Fact]
    public void Build_OptionsChangedAfterwards_DoNotChangeTheConnector()
    {
        var builder = ModelingFixtures.ValidBuilder();
        var connector = builder.Build();

        builder.Options.People().Delimiter = ';';
        builder.Options.PersonProperty("Hired").Formats.Add("yyyy-MM-dd");
        builder.Options.PersonProperty("Active").ValueMap["Oui"] = "Y";
        builder.Options.People().ValuesToTrim.Add("'");

        Assert.Equal(',', connector.Connections[1].Delimiter);
        var mapping = connector.GetMapping("Person");
        Assert.Equal(["dd/MM/yyyy"], mapping.Properties.Single(p => p.Property.Identifier == "Hired").Formats);
        Assert.Empty(mapping.Properties.Single(p => p.Property.Identifier == "Active").ValueMap);
        Assert.Empty(connector.Connections[1].ValuesToTrim);
    }

    [Fact]
    public void Build_Thresholds_AreCopiedFromTheOptions()
    {
        var builder = ModelingFixtures.ValidBuilder();
        builder.Options.Thresholds.MaxDeleted = 3;
        builder.Options.Person().Thresholds = new ThresholdOptions { MaxUpdatedPercent = 1.5 };

        var connector = builder.Build();

        Assert.Equal(new ThresholdLimits(100, 100, 3, 5, 5, 5), connector.Thresholds);
        Assert.Equal(new ThresholdLimits(0, 0, 0, 0, 1.5, 0), connector.GetEntityType("Person").Thresholds);
    }
}
