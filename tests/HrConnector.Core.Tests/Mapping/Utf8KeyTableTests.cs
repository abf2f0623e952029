using System.Text;
using HrConnector.Mapping;

namespace HrConnector.Tests.Mapping;

/// <summary>The open-addressing table of UTF-8 keys behind mapping results and the in-memory store.</summary>
public class Utf8KeyTableTests
{
    [Fact]
    public void Add_NewKeys_AreNumberedInOrderAndFound()
    {
        var table = new Utf8KeyTable();

        Assert.Equal(0, table.Add("E1"u8, out var first));
        Assert.Equal(1, table.Add("E2"u8, out var second));

        Assert.True(first && second);
        Assert.Equal(2, table.Count);
        Assert.Equal(0, table.Find("E1"u8));
        Assert.Equal(1, table.Find("E2"u8));
        Assert.Equal(-1, table.Find("E3"u8));
        Assert.Equal("E2", table.GetString(1));
    }

    [Fact]
    public void Add_KeyAlreadyThere_GivesItsNumberAndAddsNothing()
    {
        var table = new Utf8KeyTable();
        table.Add("E1"u8, out _);
        table.Add("E2"u8, out _);

        Assert.Equal(0, table.Add("E1"u8, out var added));

        Assert.False(added);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Keys_ThatArePrefixesOfEachOtherOrEmpty_AreDistinct()
    {
        var table = new Utf8KeyTable();
        string[] keys = ["E1", "E10", "E100", "", "e1"];
        foreach (var key in keys)
        {
            table.Add(key);
        }

        Assert.Equal([0, 1, 2, 3, 4], keys.Select(table.Find));
        Assert.Equal(0, table[3].Length);
    }

    [Fact]
    public void Find_StringKey_MatchesItsUtf8Bytes()
    {
        var table = new Utf8KeyTable();
        table.Add(Encoding.UTF8.GetBytes("Zoé-漢字"), out _);
        var longKey = new string('ß', 400);
        table.Add(Encoding.UTF8.GetBytes(longKey), out _);

        Assert.Equal(0, table.Find("Zoé-漢字"));
        Assert.Equal(1, table.Find(longKey));
        Assert.Equal(-1, table.Find("Zoe-漢字"));
        Assert.Equal("Zoé-漢字", table.GetString(0));
    }

    [Fact]
    public void Add_ManyKeysFromATinyTable_GrowsAndKeepsEveryKey()
    {
        var table = new Utf8KeyTable(capacity: 1);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(i, table.Add(Encoding.UTF8.GetBytes("K" + i), out var added));
            Assert.True(added);
        }

        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(i, table.Find(Encoding.UTF8.GetBytes("K" + i)));
            Assert.Equal("K" + i, table.GetString(i));
        }

        Assert.Equal(-1, table.Find("K100000"u8));
        Assert.Equal(100_000, table.Count);
    }

    [Fact]
    public void Keys_WithTheSameHash_AreStillTellApart()
    {
        // Two keys whose 32-bit hashes collide (found by a birthday search) land in the same bucket with the same tag:
        // only the byte comparison separates them.
        var (a, b) = CollidingKeys();
        var table = new Utf8KeyTable();
        table.Add(Encoding.UTF8.GetBytes(a), out _);

        Assert.Equal(-1, table.Find(b));
        Assert.Equal(1, table.Add(Encoding.UTF8.GetBytes(b), out var added));
        Assert.True(added);
        Assert.Equal(0, table.Find(a));
        Assert.Equal(1, table.Find(b));
        Assert.Equal(0, table.Add(Encoding.UTF8.GetBytes(a), out var again));
        Assert.False(again);
    }

    [Fact]
    public void Add_KeysInTheSameBucket_AreProbedPastEachOther()
    {
        // A table of 8 buckets: keys with the same 3 low bits of hash share a first bucket.
        var keys = Enumerable.Range(0, 200).Select(i => "P" + i).Where(k => (Utf8KeyTable.Hash(Encoding.UTF8.GetBytes(k)) & 7) == 0).Take(3).ToArray();
        var table = new Utf8KeyTable(capacity: 4);
        foreach (var key in keys)
        {
            table.Add(key);
        }

        Assert.Equal(3, keys.Length);
        Assert.Equal([0, 1, 2], keys.Select(table.Find));
    }

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

    private static (string, string) CollidingKeys()
    {
        var seen = new Dictionary<uint, string>();
        for (var i = 0; ; i++)
        {
            var key = "C" + i;
            if (!seen.TryAdd(Utf8KeyTable.Hash(Encoding.UTF8.GetBytes(key)), key))
            {
                return (seen[Utf8KeyTable.Hash(Encoding.UTF8.GetBytes(key))], key);
            }
        }
    }
}
