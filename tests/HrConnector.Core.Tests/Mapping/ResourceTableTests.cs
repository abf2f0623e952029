using System.Text;
using HrConnector.Mapping;

namespace HrConnector.Tests.Mapping;

/// <summary>The payloads of the stored resources, numbered by key.</summary>
public class ResourceTableTests
{
    [Fact]
    public void ResourceTable_SetTwice_ReplacesThePayloadUnderTheSameNumber()
    {
        var stored = new ResourceTable(capacity: 1);
        stored.Set("E1", new byte[] { 1 }, 11);
        stored.Set("E2", new byte[] { 2 }, 22);
        stored.Set("E1", new byte[] { 3 }, 33);

        Assert.Equal(2, stored.Count);
        Assert.Equal(new byte[] { 3 }, stored.Payload(0).ToArray());
        Assert.Equal(33UL, stored.SourceHash(0));
        Assert.Equal(22UL, stored.SourceHash(1));
    }

    [Fact]
    public void ResourceTable_FindWithAHint_TriesThatPositionFirstAndFallsBackToTheTable()
    {
        var stored = new ResourceTable(4);
        foreach (var key in new[] { "A", "B", "C" })
        {
            stored.Set(key, default, 0);
        }

        Assert.Equal(1, stored.Find("B"u8, hint: 1));
        Assert.Equal(2, stored.Find("C"u8, hint: 1));
        Assert.Equal(0, stored.Find("A"u8, hint: 3));
        Assert.Equal(-1, stored.Find("D"u8, hint: -1));
    }
}
