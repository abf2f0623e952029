using HrConnector.Mapping;

namespace HrConnector.Tests.Mapping;

/// <summary>Resources of a mapping result are made on demand from its arrays: they must still behave as a list of objects.</summary>
public class MappingResultTests
{
    private const string Header = TestConnectors.PeopleHeader + "\n";

    [Fact]
    public void Resources_AskedTwice_AreTheSameObjects()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header + "E1,A,One,,,,,,,,\nE2,B,Two,,,,,,,,\n");

        Assert.Same(result.Resources[1], result.Resources[1]);
        Assert.True(result.TryGetResource("E2", out var byKey));
        Assert.Same(result.Resources[1], byKey);
        Assert.Equal(result.Resources, result.Resources.ToList());
    }

    [Fact]
    public void Resources_AfterRejectedAndDuplicatedKeys_AreTheOthersInFileOrder()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header
            + "E1,A,One,,,,,,,,\n"
            + "E2,B,Two,,,,,,,,\n"
            + "E3,C,Three,not a date,,,,,,,\n"
            + "E1,C,Four,,,,,,,,\n"
            + "E4,D,Five,,,,,,,,\n");

        Assert.Equal(["E2", "E4"], result.Resources.Select(r => r.Key));
        Assert.Equal([3L, 6L], result.Resources.Select(r => r.Line));
        Assert.True(result.TryGetResource("E4", out var e4));
        Assert.Same(result.Resources[1], e4);
        Assert.False(result.TryGetResource("E1", out _));
        Assert.False(result.TryGetResource("E3", out _));
        Assert.False(result.TryGetResource("E5", out _));
    }

    [Fact]
    public void Resources_IndexOutOfRange_Throws()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header + "E1,A,One,,,,,,,,\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => result.Resources[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Resources[-1]);
    }
}
