using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Tests.Csv;

public class CsvRecordReaderSpacesAroundQuotesTests
{
    private const string Text = "Id,Name,City\nP1, \"Weiß, Jürgen\" , Berlin \nP2,\" Anne \",Paris\n";

    [Fact]
    public void MapText_SpacesAroundQuotesOff_RejectsThatRowAndKeepsQuotedSpaces()
    {
        var result = Connector(spacesAroundQuotes: false).MapText("Person", Text);

        var reject = Assert.Single(result.Rejects);
        Assert.Equal((2L, RejectReason.MalformedRow), (reject.Line, reject.Reason));
        Assert.Equal(" Anne ", Assert.Single(result.Resources)["Name"]);
    }

    [Fact]
    public void MapText_SpacesAroundQuotesOn_ReadsTheQuotedValue()
    {
        var result = Connector(spacesAroundQuotes: true).MapText("Person", Text);

        Assert.Empty(result.Rejects);
        Assert.Equal(("Weiß, Jürgen", "Berlin"), ((string?)result.Resources[0]["Name"], (string?)result.Resources[0]["City"]));
        Assert.Equal(" Anne ", result.Resources[1]["Name"]);
    }

    private static Connector Connector(bool spacesAroundQuotes)
        => new ConnectorBuilder("HR")
            .EntityType("Person", e => e.Property("Name").Property("City"))
            .CsvConnection("people", c => { c.Path = "people.csv"; c.SpacesAroundQuotes = spacesAroundQuotes; })
            .Map("Person", "people", "Id", m => m.Column("Name", "Name").Column("City", "City"))
            .Build();
}
