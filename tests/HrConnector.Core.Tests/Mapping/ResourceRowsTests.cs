using System.Text;
using HrConnector.Mapping;

namespace HrConnector.Tests.Mapping;

/// <summary>The rows of a mapping, numbered by key beside the previous payloads.</summary>
public class ResourceRowsTests
{
    [Fact]
    public void ResourceRows_SealedWithSomeEntries_NumbersTheRowsInOrderAndFindsOnlyThem()
    {
        var rows = new ResourceRows(previous: null, capacity: 1);
        foreach (var (key, line) in new[] { ("A", 2L), ("B", 3L), ("C", 4L) })
        {
            rows.Set(rows.AddKey(Encoding.UTF8.GetBytes(key), ResourceRows.NotLookedUp, out _), new byte[] { (byte)line }, line, -1, 0);
        }

        rows.Seal([true, false, true]);

        Assert.Equal(2, rows.Count);
        Assert.Equal(("C", 4L), (rows.KeyString(1), rows.Line(1)));
        Assert.Equal(1, rows.Find("C"));
        Assert.Equal(-1, rows.Find("B"));
        Assert.Equal(-1, rows.Find("D"u8));
    }

    [Fact]
    public void ResourceRows_KeysOfThePreviousPayloads_PointAtThemAndNewKeysGetTheirOwn()
    {
        var stored = new ResourceTable(4);
        stored.Set("A", new byte[] { 1 }, 1);
        stored.Set("B", new byte[] { 2 }, 2);
        var rows = new ResourceRows(stored);

        var b = rows.AddKey("B"u8, stored.Find("B"u8, hint: 0), out var bAdded);
        var c = rows.AddKey("C"u8, ResourceRows.NotLookedUp, out var cAdded);
        var again = rows.AddKey("B"u8, ResourceRows.NotLookedUp, out var againAdded);
        var cAgain = rows.AddKey("C"u8, -1, out var cAgainAdded);
        rows.Set(b, stored.Payload(1), 2, -1, 2);
        rows.Set(c, new byte[] { 3 }, 3, -1, 3);
        rows.Seal(null);

        Assert.Equal((0, true, 1, true, 0, false, 1, false), (b, bAdded, c, cAdded, again, againAdded, cAgain, cAgainAdded));
        Assert.Equal(2, stored.Count);
        Assert.Equal(1, rows.Keys.Count);
        Assert.Equal(["B", "C"], [rows.KeyString(0), rows.KeyString(1)]);
        Assert.Equal([0, 1, -1], [rows.Find("B"), rows.Find("C"), rows.Find("A")]);
        Assert.Equal(1, rows.StoredIndex(0, stored));
        Assert.Equal(-1, rows.StoredIndex(1, stored));
        Assert.Equal(-1, rows.StoredIndex(0, new ResourceTable(4)));
    }
}
