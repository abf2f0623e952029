using System.Globalization;
using System.Text.RegularExpressions;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using HrConnector.Tests.Modeling;

namespace HrConnector.Tests;

/// <summary>
/// Each validation rule of the connector factory, broken alone on an otherwise valid declaration: exactly one error,
/// worded exactly. Then several rules broken at once: every error in one exception, one per line.
/// </summary>
public class ConnectorFactoryValidationTests
{
    private const string NotAnIdentifier = "which is not valid: use letters, digits and underscores, starting with a letter or an underscore.";

    private static readonly Dictionary<string, (Action<ConnectorOptions> Break, string Error)> Rules = new()
    {
        // Identifiers.
        ["ConnectorIdentifierEmpty"] = (o => o.Identifier = string.Empty, "The connector has no identifier."),
        ["ConnectorIdentifierBlank"] = (o => o.Identifier = "   ", "The connector has no identifier."),
        ["ConnectorIdentifierStartsWithDigit"] = (o => o.Identifier = "1HR", $"The connector has the identifier '1HR', {NotAnIdentifier}"),
        ["ConnectorIdentifierWithHyphen"] = (o => o.Identifier = "H-R", $"The connector has the identifier 'H-R', {NotAnIdentifier}"),
        ["EntityTypeIdentifierEmpty"] = (o => o.EntityTypes.Add(new EntityTypeOptions()), "The entity type #3 has no identifier."),
        ["EntityTypeIdentifierWithSpace"] = (o => o.EntityTypes.Add(new EntityTypeOptions { Identifier = "Cost Center" }), $"The entity type #3 has the identifier 'Cost Center', {NotAnIdentifier}"),
        ["PropertyIdentifierEmpty"] = (o => o.Person().Properties.Add(new ScalarPropertyOptions()), "A property of entity type 'Person' has no identifier."),
        ["PropertyIdentifierWithDot"] = (o => o.Person().Properties.Add(new ScalarPropertyOptions { Identifier = "Birth.Date" }), $"A property of entity type 'Person' has the identifier 'Birth.Date', {NotAnIdentifier}"),
        ["NavigationIdentifierEmpty"] = (o => o.Person().NavigationProperties.Add(new NavigationPropertyOptions { TargetEntityType = "Person" }), "A navigation property of entity type 'Person' has no identifier."),
        ["NavigationIdentifierStartsWithDigit"] = (o => o.Person().NavigationProperties.Add(new NavigationPropertyOptions { Identifier = "2ndManager", TargetEntityType = "Person" }), $"A navigation property of entity type 'Person' has the identifier '2ndManager', {NotAnIdentifier}"),
        ["ConnectionIdentifierEmpty"] = (o => o.Connections.Add(new CsvConnectionOptions { Path = "other.csv" }), "The connection #3 has no identifier."),
        ["ConnectionIdentifierWithHyphen"] = (o => o.Connections.Add(new CsvConnectionOptions { Identifier = "hr-files", Path = "other.csv" }), $"The connection #3 has the identifier 'hr-files', {NotAnIdentifier}"),

        // Duplicates, compared ignoring case.
        ["EntityTypeDeclaredTwiceIgnoringCase"] = (o => o.EntityTypes.Add(new EntityTypeOptions { Identifier = "PERSON" }), "The entity type 'PERSON' is declared more than once (identifiers are compared ignoring case)."),
        ["PropertyDeclaredTwiceIgnoringCase"] = (o => o.Person().Properties.Add(new ScalarPropertyOptions { Identifier = "lastname" }), "The entity type 'Person' declares the property 'lastname' more than once (identifiers are compared ignoring case, across scalar and navigation properties)."),
        ["NavigationNamedLikeAScalarProperty"] = (o => o.Person().NavigationProperties.Add(new NavigationPropertyOptions { Identifier = "HIRED", TargetEntityType = "Person" }), "The entity type 'Person' declares the property 'HIRED' more than once (identifiers are compared ignoring case, across scalar and navigation properties)."),
        ["ConnectionDeclaredTwiceIgnoringCase"] = (o => o.Connections.Add(new CsvConnectionOptions { Identifier = "People", Path = "other.csv" }), "The connection 'People' is declared more than once (identifiers are compared ignoring case)."),

        // Entity types and properties.
        ["NavigationToUnknownEntityType"] = (o => o.Person().NavigationProperties[0].TargetEntityType = "Boss", "The navigation property 'Person.Manager' refers to the entity type 'Boss', which the connector does not declare."),
        ["NavigationWithoutTarget"] = (o => o.Person().NavigationProperties[0].TargetEntityType = string.Empty, "The navigation property 'Person.Manager' has no target entity type."),
        ["PropertyOfUnknownType"] = (o => o.Person().Properties[4].Type = (PropertyType)42, "The property 'Person.Fte' has an unknown type '42'; use one of String, Int32, Int64, Decimal, Boolean, Date, DateTime, Guid."),
        ["UnknownDanglingReferencePolicy"] = (o => o.DanglingReferences = (DanglingReferencePolicy)7, "The connector has an unknown DanglingReferences policy '7'."),

        // Connections: where the file is.
        ["ConnectionWithPathAndDirectory"] = (o => o.People().Directory = "in", "The connection 'people' must set exactly one of Path and Directory."),
        ["ConnectionWithNeitherPathNorDirectory"] = (o => o.People().Path = null, "The connection 'people' must set exactly one of Path and Directory."),
        ["ConnectionWithBlankPathAndNoDirectory"] = (o => o.People().Path = "  ", "The connection 'people' must set exactly one of Path and Directory."),
        ["DirectoryWithoutFileNamePattern"] = (o => { o.People().Path = null; o.People().Directory = "in"; }, "The connection 'people' reads a folder but has no FileNamePattern to choose the file."),
        ["FileNamePatternWithPath"] = (o => o.People().FileNamePattern = @"^people_\d{8}\.csv$", "The connection 'people' sets FileNamePattern, which only applies with Directory."),

        // Connections: how the file is read.
        ["UnknownEncoding"] = (o => o.People().Encoding = "klingon", "The connection 'people' uses the encoding 'klingon', which is unknown: use utf-8, utf-16, utf-16BE, windows-1252, iso-8859-1 or a code page number."),
        ["UnknownCodePage"] = (o => o.People().Encoding = "99999", "The connection 'people' uses the encoding '99999', which is unknown: use utf-8, utf-16, utf-16BE, windows-1252, iso-8859-1 or a code page number."),
        ["UnsupportedMultiByteEncoding"] = (o => o.People().Encoding = "utf-32", "The connection 'people' uses the encoding 'utf-32', which is not supported: use UTF-8, UTF-16 or a single-byte encoding such as windows-1252."),
        ["NonAsciiDelimiter"] = (o => o.People().Delimiter = '§', "The connection 'people' has Delimiter U+00A7, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter)."),
        ["LineBreakDelimiter"] = (o => o.People().Delimiter = '\n', "The connection 'people' has Delimiter U+000A, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter)."),
        ["SpaceQuote"] = (o => o.People().Quote = ' ', "The connection 'people' has Quote U+0020, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter)."),
        ["NonAsciiCommentCharacter"] = (o => o.People().CommentCharacter = '€', "The connection 'people' has CommentCharacter U+20AC, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter)."),
        ["DelimiterSameAsQuote"] = (o => o.People().Delimiter = '"', "The connection 'people' uses the same character for two of Delimiter ('\"'), Quote ('\"') and CommentCharacter ('')."),
        ["QuoteSameAsCommentCharacter"] = (o => { o.People().Quote = '#'; o.People().CommentCharacter = '#'; }, "The connection 'people' uses the same character for two of Delimiter (','), Quote ('#') and CommentCharacter ('#')."),
        ["UnknownConnectionCulture"] = (o => o.People().Culture = "xx-NOPE", "The connection 'people' uses the culture 'xx-NOPE', which is unknown."),
        ["NegativeLinesToSkip"] = (o => o.People().LinesToSkip = -1, "The connection 'people' has LinesToSkip -1; it must be 0 or more."),
        ["NegativeMaxFieldLength"] = (o => o.People().MaxFieldLength = -5, "The connection 'people' has MaxFieldLength -5; it must be 0 (no limit) or more."),
        ["NegativeMaxRejects"] = (o => o.People().MaxRejects = -1, "The connection 'people' has MaxRejects -1; it must be 0 (no limit) or more."),
        ["NegativeMaxRejectPercent"] = (o => o.People().MaxRejectPercent = -0.5, "The connection 'people' has MaxRejectPercent -0.5; it must be between 0 (no limit) and 100."),
        ["MaxRejectPercentOver100"] = (o => o.People().MaxRejectPercent = 100.5, "The connection 'people' has MaxRejectPercent 100.5; it must be between 0 (no limit) and 100."),
        ["MaxRejectPercentNaN"] = (o => o.People().MaxRejectPercent = double.NaN, "The connection 'people' has MaxRejectPercent NaN; it must be between 0 (no limit) and 100."),
        ["ColumnNamesWithHeader"] = (o => o.People().ColumnNames.Add("Id"), "The connection 'people' sets ColumnNames, which only apply when HasHeader is false."),
        ["NoHeaderAndNoColumnNames"] = (o => o.People().HasHeader = false, "The connection 'people' has no header row (HasHeader is false) and no ColumnNames to name its columns."),
        ["EmptyNameInColumnNames"] = (o => Headerless(o, "Id", "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId", "DepartmentCode", " "), "The connection 'people' has an empty name in ColumnNames."),
        ["SameNameTwiceInColumnNames"] = (o => Headerless(o, "Id", "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId", "DepartmentCode", "Id"), "The connection 'people' names the column 'Id' more than once in ColumnNames."),
        ["EmptyValueToTrim"] = (o => o.People().ValuesToTrim.Add(string.Empty), "The connection 'people' has an empty string in ValuesToTrim."),

        // Entity-type mappings.
        ["MappingWithoutEntityType"] = (o => o.Mappings.Add(new EntityTypeMappingOptions { Connection = "people", KeyColumn = "Id" }), "The mapping #3 names no entity type."),
        ["MappingToUnknownEntityType"] = (o => o.Mappings.Add(new EntityTypeMappingOptions { EntityType = "Contractor", Connection = "people", KeyColumn = "Id" }), "The mapping of 'Contractor' names the entity type 'Contractor', which the connector does not declare."),
        ["MappingToUnknownConnection"] = (o => o.PersonMapping().Connection = "staff", "The mapping of 'Person' names the connection 'staff', which the connector does not declare."),
        ["MappingWithoutConnection"] = (o => o.PersonMapping().Connection = string.Empty, "The mapping of 'Person' names no connection."),
        ["MappingWithoutKeyColumn"] = (o => o.PersonMapping().KeyColumn = " ", "The mapping of 'Person' has no KeyColumn (the primary key column is required)."),
        ["MappingWithBlankCommandColumn"] = (o => o.PersonMapping().CommandColumn = " ", "The mapping of 'Person' has an empty CommandColumn."),
        ["EntityTypeMappedTwice"] = (o => o.Mappings.Add(new EntityTypeMappingOptions { EntityType = "person", Connection = "people", KeyColumn = "Id" }), "The mapping of 'person' is declared more than once: an entity type is read from one file."),

        // Property mappings.
        ["MappingOfUnknownProperty"] = (o => o.PersonMapping().Properties.Add(new PropertyMappingOptions { Property = "Ghost", Column = "Ghost" }), "The mapping of 'Person' maps the property 'Ghost', which the entity type 'Person' does not declare."),
        ["PropertyMappingWithoutProperty"] = (o => o.PersonMapping().Properties.Add(new PropertyMappingOptions { Column = "Ghost" }), "The mapping of 'Person' has a property mapping that names no property."),
        ["PropertyMappedTwiceIgnoringCase"] = (o => o.PersonMapping().Properties.Add(new PropertyMappingOptions { Property = "FIRSTNAME", Column = "GivenName" }), "The mapping of 'Person' maps the property 'FirstName' more than once."),
        ["PropertyMappingWithoutSource"] = (o => o.PersonProperty("FirstName").Column = null, "The mapping of 'Person', property 'FirstName', has no source: set a Column, a DefaultValue, or a Compute function."),
        ["PropertyMappingWithEmptyColumn"] = (o => o.PersonProperty("FirstName").Column = string.Empty, "The mapping of 'Person', property 'FirstName', has an empty Column."),
        ["PropertyMappingWithColumnAndCompute"] = (o => o.PersonProperty("FirstName").Compute = _ => "x", "The mapping of 'Person', property 'FirstName', sets both a Column and a Compute function; choose one."),
        ["FormatsOnADecimal"] = (o => o.PersonProperty("Fte").Formats.Add("0.00"), "The mapping of 'Person', property 'Fte', sets Formats, which only apply to Date and DateTime properties."),
        ["BlankFormat"] = (o => o.PersonProperty("Hired").Formats.Add(" "), "The mapping of 'Person', property 'Hired', has an empty format in Formats."),
        ["TrueValuesOnAString"] = (o => o.PersonProperty("FirstName").TrueValues.Add("Oui"), "The mapping of 'Person', property 'FirstName', sets TrueValues or FalseValues, which only apply to Boolean properties."),
        ["FalseValuesOnADate"] = (o => o.PersonProperty("Hired").FalseValues.Add("Non"), "The mapping of 'Person', property 'Hired', sets TrueValues or FalseValues, which only apply to Boolean properties."),
        ["TokenBothTrueAndFalseIgnoringCase"] = (o => { o.PersonProperty("Active").TrueValues.Add("Oui"); o.PersonProperty("Active").TrueValues.Add("Si"); o.PersonProperty("Active").FalseValues.Add("Non"); o.PersonProperty("Active").FalseValues.Add("OUI"); }, "The mapping of 'Person', property 'Active', has tokens that are both true and false: 'Oui'."),
        ["MultiValuedWithoutSeparator"] = (o => o.PersonProperty("Roles").Separator = null, "The mapping of 'Person', property 'Roles', reads a multi-valued property from a column but has no Separator."),
        ["MultiValuedWithEmptySeparator"] = (o => o.PersonProperty("Roles").Separator = string.Empty, "The mapping of 'Person', property 'Roles', reads a multi-valued property from a column but has no Separator."),
        ["SeparatorOnSingleValued"] = (o => o.PersonProperty("FirstName").Separator = "|", "The mapping of 'Person', property 'FirstName', sets a Separator, but the property is not multi-valued."),
        ["UnknownPropertyCulture"] = (o => o.PersonProperty("Fte").Culture = "xx-NOPE", "The mapping of 'Person', property 'Fte', uses the culture 'xx-NOPE', which is unknown."),
        ["DefaultValueThatIsNotADecimal"] = (o => o.PersonProperty("Fte").DefaultValue = "1,5", "The mapping of 'Person', property 'Fte', has DefaultValue '1,5' that does not convert to Decimal: the value is not a decimal number in the culture 'invariant' (decimal separator '.', no thousands separator)."),
        ["DefaultValueNotInTheFormats"] = (o => o.PersonProperty("Hired").DefaultValue = "2024-01-31", "The mapping of 'Person', property 'Hired', has DefaultValue '2024-01-31' that does not convert to Date: the value is not a date in the format(s) 'dd/MM/yyyy'."),
        ["ValueMapTargetThatIsNotABoolean"] = (o => o.PersonProperty("Active").ValueMap["Oui"] = "vrai", "The mapping of 'Person', property 'Active', has the value map entry 'Oui' 'vrai' that does not convert to Boolean: the value is not one of the boolean tokens true/1/Y/yes/T (true) or false/0/N/no/F (false)."),
        ["RequiredPropertyNotMapped"] = (o => o.PersonMapping().Properties.Remove(o.PersonProperty("LastName")), "The mapping of 'Person' does not map the property 'LastName', which is required."),
        ["RequiredNavigationNotMapped"] = (o => { o.Person().NavigationProperties[1].IsRequired = true; o.PersonMapping().Properties.Remove(o.PersonProperty("Department")); }, "The mapping of 'Person' does not map the property 'Department', which is required."),
        ["PropertyColumnNotAmongColumnNames"] = (o => Headerless(o, "Id", "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId"), "The mapping of 'Person', property 'Department', reads the column 'DepartmentCode', which is not among the ColumnNames of the connection 'people'."),
        ["KeyColumnNotAmongColumnNames"] = (o => Headerless(o, "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId", "DepartmentCode"), "The mapping of 'Person' reads the column 'Id', which is not among the ColumnNames of the connection 'people'."),
        ["CommandColumnNotAmongColumnNames"] = (o => { Headerless(o, "Id", "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId", "DepartmentCode"); o.PersonMapping().CommandColumn = "Action"; }, "The mapping of 'Person' reads the column 'Action', which is not among the ColumnNames of the connection 'people'."),
    };

    public static TheoryData<string> RuleNames => [.. Rules.Keys];

    [Fact]
    public void Validate_ValidDeclaration_ReturnsNoError()
    {
        var options = ModelingFixtures.Valid();

        Assert.Empty(Connector.Validate(options));
        Assert.Equal("HR", Connector.Create(options).Identifier);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Create_OneRuleBroken_ThrowsExactlyThatError(string rule)
    {
        var (breakIt, error) = Rules[rule];
        var options = ModelingFixtures.Valid();
        breakIt(options);

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal([error], exception.Errors);
        Assert.Equal([error], Connector.Validate(options));
    }

    [Fact]
    public void Create_NoEntityType_ThrowsThatTheConnectorDeclaresNone()
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(new ConnectorOptions { Identifier = "HR" }));

        Assert.Equal("The connector 'HR' is not valid (1 error):" + Environment.NewLine + " - The connector declares no entity type.", exception.Message);
        Assert.Equal(["The connector declares no entity type."], exception.Errors);
        Assert.Equal("HR", exception.Connector);
    }

    [Fact]
    public void Create_NoConnectorIdentifier_NamesThePlaceholderInTheMessage()
    {
        var options = ModelingFixtures.Valid();
        options.Identifier = string.Empty;

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal("(no identifier)", exception.Connector);
        Assert.Equal("The connector '(no identifier)' is not valid (1 error):" + Environment.NewLine + " - The connector has no identifier.", exception.Message);
    }

    [Fact]
    public void Create_FileNamePatternThatIsNotARegex_QuotesTheRegexError()
    {
        const string pattern = "*.csv";
        var regexError = Assert.ThrowsAny<ArgumentException>(() => new Regex(pattern)).Message;
        var options = ModelingFixtures.Valid();
        options.People().Path = null;
        options.People().Directory = "in";
        options.People().FileNamePattern = pattern;

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal(["The connection 'people' has a FileNamePattern that is not a valid regular expression: " + regexError], exception.Errors);
        Assert.Equal("Invalid pattern '*.csv' at offset 1. Quantifier '*' following nothing.", regexError);
    }

    [Fact]
    public void Create_TwoProblems_CountsThemInTheMessage()
    {
        var options = ModelingFixtures.Valid();
        options.People().LinesToSkip = -2;
        options.PersonProperty("Fte").Formats.Add("0.0");

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal(
            "The connector 'HR' is not valid (2 errors):" + Environment.NewLine
            + " - The connection 'people' has LinesToSkip -2; it must be 0 or more." + Environment.NewLine
            + " - The mapping of 'Person', property 'Fte', sets Formats, which only apply to Date and DateTime properties.",
            exception.Message);
    }

    [Fact]
    public void Create_ProblemsEverywhere_ReportsEveryOneInOneExceptionOnePerLine()
    {
        var options = ModelingFixtures.Valid();
        options.Identifier = "H R";
        options.EntityTypes.Add(new EntityTypeOptions { Identifier = "department" });
        options.Person().Properties.Add(new ScalarPropertyOptions { Identifier = "firstName" });
        options.Person().NavigationProperties[0].TargetEntityType = "Boss";
        options.Connections[0].Encoding = "klingon";
        options.Connections.Add(new CsvConnectionOptions { Identifier = "archive", Delimiter = '"', Culture = "xx-NOPE", MaxRejectPercent = 150 });
        options.PersonProperty("Roles").Separator = null;
        options.PersonProperty("Active").TrueValues.Add("Y");
        options.PersonProperty("Active").FalseValues.Add("y");
        options.PersonProperty("Hired").DefaultValue = "soon";
        options.PersonMapping().Properties.Remove(options.PersonProperty("LastName"));
        options.Mappings.Add(new EntityTypeMappingOptions { EntityType = "Contractor", Connection = "contractors", KeyColumn = string.Empty });
        string[] expected =
        [
            $"The connector has the identifier 'H R', {NotAnIdentifier}",
            "The entity type 'Person' declares the property 'firstName' more than once (identifiers are compared ignoring case, across scalar and navigation properties).",
            "The navigation property 'Person.Manager' refers to the entity type 'Boss', which the connector does not declare.",
            "The entity type 'department' is declared more than once (identifiers are compared ignoring case).",
            "The connection 'departments' uses the encoding 'klingon', which is unknown: use utf-8, utf-16, utf-16BE, windows-1252, iso-8859-1 or a code page number.",
            "The connection 'archive' must set exactly one of Path and Directory.",
            "The connection 'archive' uses the same character for two of Delimiter ('\"'), Quote ('\"') and CommentCharacter ('').",
            "The connection 'archive' uses the culture 'xx-NOPE', which is unknown.",
            "The connection 'archive' has MaxRejectPercent 150; it must be between 0 (no limit) and 100.",
            "The mapping of 'Person', property 'Hired', has DefaultValue 'soon' that does not convert to Date: the value is not a date in the format(s) 'dd/MM/yyyy'.",
            "The mapping of 'Person', property 'Active', has tokens that are both true and false: 'Y'.",
            "The mapping of 'Person', property 'Roles', reads a multi-valued property from a column but has no Separator.",
            "The mapping of 'Person' does not map the property 'LastName', which is required.",
            "The mapping of 'Contractor' names the entity type 'Contractor', which the connector does not declare.",
            "The mapping of 'Contractor' names the connection 'contractors', which the connector does not declare.",
            "The mapping of 'Contractor' has no KeyColumn (the primary key column is required).",
        ];

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal(expected, exception.Errors);
        Assert.Equal(
            "The connector 'H R' is not valid (16 errors):" + Environment.NewLine + " - " + string.Join(Environment.NewLine + " - ", expected),
            exception.Message);
        Assert.Equal(expected, Connector.Validate(options));
    }

    [Fact]
    public void Create_ConnectionDeclaredTwiceAndFirstOneInvalid_ReportsBothProblems()
    {
        var options = ModelingFixtures.Valid();
        options.People().LinesToSkip = -1;
        options.Connections.Add(new CsvConnectionOptions { Identifier = "PEOPLE", Path = "people2.csv" });

        var errors = Connector.Validate(options);

        Assert.Equal(
            [
                "The connection 'people' has LinesToSkip -1; it must be 0 or more.",
                "The connection 'PEOPLE' is declared more than once (identifiers are compared ignoring case).",
            ],
            errors);
    }

    [Fact]
    public void Create_EntityTypeMappedTwiceAndFirstMappingInvalid_ReportsBothProblems()
    {
        var options = ModelingFixtures.Valid();
        options.PersonMapping().Properties.Add(new PropertyMappingOptions { Property = "Ghost", Column = "Ghost" });
        var second = new EntityTypeMappingOptions { EntityType = "Person", Connection = "people", KeyColumn = "Id" };
        second.Properties.Add(new PropertyMappingOptions { Property = "LastName", Column = "LastName" });
        options.Mappings.Add(second);

        var errors = Connector.Validate(options);

        Assert.Equal(
            [
                "The mapping of 'Person' maps the property 'Ghost', which the entity type 'Person' does not declare.",
                "The mapping of 'Person' is declared more than once: an entity type is read from one file.",
            ],
            errors);
    }

    [Fact]
    public void Create_ConnectionInvalidForAnotherReason_StillChecksTheValuesOfItsMappings()
    {
        var options = ModelingFixtures.Valid();
        options.People().Path = null;
        options.PersonProperty("Hired").DefaultValue = "soon";
        options.PersonProperty("Active").ValueMap["Oui"] = "vrai";

        var errors = Connector.Validate(options);

        Assert.Equal(
            [
                "The connection 'people' must set exactly one of Path and Directory.",
                "The mapping of 'Person', property 'Hired', has DefaultValue 'soon' that does not convert to Date: the value is not a date in the format(s) 'dd/MM/yyyy'.",
                "The mapping of 'Person', property 'Active', has the value map entry 'Oui' 'vrai' that does not convert to Boolean: the value is not one of the boolean tokens true/1/Y/yes/T (true) or false/0/N/no/F (false).",
            ],
            errors);
    }

    [Fact]
    public void Create_ConnectionInvalidForAnotherReason_ChecksValuesInTheCultureItDeclares()
    {
        var options = ModelingFixtures.Valid();
        options.People().Path = null;
        options.People().Culture = "fr-FR";
        options.PersonProperty("Fte").DefaultValue = "1,5";

        var errors = Connector.Validate(options);

        Assert.Equal(["The connection 'people' must set exactly one of Path and Directory."], errors);
    }

    [Fact]
    public void Create_QuoteIsATab_IsRejectedAsTheMessageSaysOnlyADelimiterMayBeATab()
    {
        var options = ModelingFixtures.Valid();
        options.People().Quote = '\t';

        var errors = Connector.Validate(options);

        Assert.Equal(["The connection 'people' has Quote U+0009, which is not allowed: it must be a visible ASCII character (or a tab for Delimiter)."], errors);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    [InlineData("1252")]
    [InlineData("")]
    public void Create_SupportedEncoding_IsAccepted(string encoding)
    {
        var options = ModelingFixtures.Valid();
        options.People().Encoding = encoding;

        Assert.Empty(Connector.Validate(options));
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(' ')]
    [InlineData(';')]
    [InlineData('|')]
    public void Create_TabSpaceOrPunctuationDelimiter_IsAccepted(char delimiter)
    {
        var options = ModelingFixtures.Valid();
        options.People().Delimiter = delimiter;

        Assert.Empty(Connector.Validate(options));
        Assert.Equal(delimiter, Connector.Create(options).Connections[1].Delimiter);
    }

    [Fact]
    public void Create_BoundaryNumbers_AreAccepted()
    {
        var options = ModelingFixtures.Valid();
        options.People().LinesToSkip = 0;
        options.People().MaxFieldLength = 0;
        options.People().MaxRejects = 0;
        options.People().MaxRejectPercent = 100;
        options.Connections[0].MaxRejectPercent = 0;

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Create_HeaderlessConnectionNamingEveryMappedColumn_IsValid()
    {
        var options = ModelingFixtures.Valid();
        Headerless(options, "Id", "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId", "DepartmentCode", "Unused");

        var connector = Connector.Create(options);

        Assert.False(connector.Connections[1].HasHeader);
        Assert.Equal(["Id", "FirstName", "LastName", "Hired", "Active", "Fte", "Roles", "ManagerId", "DepartmentCode", "Unused"], connector.Connections[1].ColumnNames);
        var result = connector.MapText("Person", "P1,Zoé,Weiß,31/01/2020,Y,0.5,a|b,,D1,x\n");
        Assert.Empty(result.Rejects);
        Assert.Equal("Weiß", result.Resources[0]["LastName"]);
        Assert.Equal(1, result.Resources[0].Line);
    }

    [Fact]
    public void Create_ConnectionWithHeader_DoesNotCheckMappedColumnsBeforeReading()
    {
        var options = ModelingFixtures.Valid();
        options.PersonProperty("FirstName").Column = "Column that the file may have";

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Create_ValidationFails_DoesNotMutateTheOptions()
    {
        var options = ModelingFixtures.Valid();
        options.People().Culture = "xx-NOPE";

        Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal("xx-NOPE", options.People().Culture);
        Assert.Equal("people.csv", options.People().Path);
        Assert.Equal(8, options.PersonMapping().Properties.Count);
    }

    [Fact]
    public void Create_NullOptions_ThrowsArgumentNullException()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => Connector.Create(null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => Connector.Validate(null!)).ParamName);
    }

    [Fact]
    public void ConnectorValidationException_IsAnHrConnectorException()
    {
        var exception = new ConnectorValidationException("HR", ["First.", "Second."]);

        Assert.IsAssignableFrom<HrConnectorException>(exception);
        Assert.Equal("The connector 'HR' is not valid (2 errors):" + Environment.NewLine + " - First." + Environment.NewLine + " - Second.", exception.Message);
        Assert.Equal(["First.", "Second."], exception.Errors);
    }

    [Fact]
    public void Validate_CultureOfTheMessageNumbers_IsInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var options = ModelingFixtures.Valid();
            options.People().MaxRejectPercent = 100.5;

            Assert.Equal(["The connection 'people' has MaxRejectPercent 100.5; it must be between 0 (no limit) and 100."], Connector.Validate(options));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static void Headerless(ConnectorOptions options, params string[] columnNames)
    {
        options.People().HasHeader = false;
        foreach (var name in columnNames)
        {
            options.People().ColumnNames.Add(name);
        }
    }
}
