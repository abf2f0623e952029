using System.Globalization;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Modeling;

/// <summary>A valid declaration that validation tests break one rule at a time, and a textual description of a built model.</summary>
internal static class ModelingFixtures
{
    /// <summary>
    /// Departments and people: every rule of the factory has something to bite on. Indexes used by the tests:
    /// EntityTypes[0] Department, [1] Person; Connections[0] departments, [1] people; Mappings[0] Department, [1] Person.
    /// </summary>
    public static ConnectorBuilder ValidBuilder()
        => PersonConnector.Builder(
            [
                PersonColumn.Date("Hired", "dd/MM/yyyy"),
                new("Active", Type: PropertyType.Boolean),
                new("Fte", Type: PropertyType.Decimal),
                new("Roles", IsMultiValued: true, Mapping: p => p.Separator = "|"),
            ],
            DepartmentShape.Tree,
            keyColumn: "Id");

    public static ConnectorOptions Valid() => ValidBuilder().Options;

    public static EntityTypeOptions Person(this ConnectorOptions options) => options.EntityTypes[1];

    public static CsvConnectionOptions People(this ConnectorOptions options) => options.Connections[1];

    public static EntityTypeMappingOptions PersonMapping(this ConnectorOptions options) => options.Mappings[1];

    public static PropertyMappingOptions PersonProperty(this ConnectorOptions options, string property)
        => options.PersonMapping().Properties.Single(p => p.Property == property);

    /// <summary>Every setting of a built connector that a declaration can set, one line per element.</summary>
    public static IReadOnlyList<string> Describe(Connector connector)
    {
        var lines = new List<string>
        {
            Line($"connector {connector.Identifier} '{connector.DisplayName}' dangling={connector.DanglingReferences}"),
        };
        foreach (var entityType in connector.EntityTypes)
        {
            lines.Add(Line($"entity type {entityType.Identifier} '{entityType.DisplayName}'"));
            foreach (var p in entityType.Properties)
            {
                lines.Add(Line($"  property #{p.Index} {p.Identifier} {p.Type} navigation={p.IsNavigation} target={p.TargetEntityType} multi={p.IsMultiValued} required={p.IsRequired} sensitive={p.IsSensitive}"));
            }
        }

        foreach (var c in connector.Connections)
        {
            lines.Add(Line(
                $"connection {c.Identifier} path={c.Path} directory={c.Directory} pattern={c.FileNamePattern} encoding={c.Encoding.WebName} delimiter={c.Delimiter} quote={c.Quote} comment={c.CommentCharacter} skip={c.LinesToSkip} header={c.HasHeader} names=[{string.Join("|", c.ColumnNames)}] trim={c.TrimWhitespace} spacesAroundQuotes={c.SpacesAroundQuotes} valuesToTrim=[{string.Join("|", c.ValuesToTrim)}] caseInsensitive={c.CaseInsensitiveHeaders} culture={c.Culture.Name} maxFieldLength={c.MaxFieldLength} maxRejects={c.MaxRejects} maxRejectPercent={c.MaxRejectPercent}"));
        }

        foreach (var m in connector.Mappings)
        {
            lines.Add(Line($"mapping {m.EntityType.Identifier} <- {m.Connection.Identifier} key={m.KeyColumn} command={m.CommandColumn}"));
            foreach (var p in m.Properties)
            {
                var valueMap = string.Join("|", p.ValueMap.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
                lines.Add(Line(
                    $"  {p.Property.Identifier} <- column={p.Column} formats=[{string.Join("|", p.Formats)}] culture={p.Culture.Name} true=[{string.Join("|", p.TrueValues)}] false=[{string.Join("|", p.FalseValues)}] map=[{valueMap}] rejectUnmapped={p.RejectUnmappedValues} default={p.DefaultValue} separator={p.Separator} computed={p.Compute is not null}"));
            }
        }

        return lines;

        static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
