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
