using HrConnector.Synchronization;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite.Tests;

public sealed class SchemaTests
{
    [Fact]
    public void Open_NewFile_CreatesTheSchema_RecordsTheVersion_InWalMode()
    {
        using var databases = new Databases();
        var path = databases.NewPath("new.db");
        using (var database = SqliteDatabase.Open(path))
        {
            Assert.Equal(Path.GetFullPath(path), database.Path);
        }

        Assert.Equal(Schema.CurrentVersion, Pragma(path, "user_version"));
        Assert.Equal(2, Schema.CurrentVersion);
        Assert.Equal("wal", Pragma(path, "journal_mode"));
        Assert.Equal("ok", Pragma(path, "integrity_check"));
        Assert.Contains("store_resource", Tables(path));
        Assert.Contains("journal_order", Tables(path));
    }

    [Fact]
    public async Task Open_ExistingFile_KeepsEverything()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (var database = SqliteDatabase.Open(path))
        {
            await database.ResourceStore.CommitAsync(new ResourceStoreCommit("HR", "R1", null, [new EntityTypeCommit("Person", "s", false, [new StoredResource("E1", new byte[] { 1, 2, 3 }, 9)], [])]));
        }

        using (var database = SqliteDatabase.Open(path))
        {
            Assert.Equal("R1", await database.ResourceStore.GetLastRunIdAsync("HR"));
            Assert.Equal(1, await database.ResourceStore.CountAsync("HR", "Person"));
        }

        Assert.Equal(Schema.CurrentVersion, Pragma(path, "user_version"));
    }

    [Fact]
    public void Open_EmptySqliteFileOfVersionZero_MigratesIt_KeepsItsOtherTables()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        Execute(path, "CREATE TABLE host_table (x INTEGER); INSERT INTO host_table VALUES (1);");
        Assert.Equal(0, Pragma(path, "user_version"));

        using (SqliteDatabase.Open(path))
        {
        }

        Assert.Equal(Schema.CurrentVersion, Pragma(path, "user_version"));
        Assert.Contains("host_table", Tables(path));
        Assert.Contains("identity", Tables(path));
    }

    [Fact]
    public void Open_NewerSchemaVersion_IsRefusedWithAClearError()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (SqliteDatabase.Open(path))
        {
        }

        Execute(path, "PRAGMA user_version = 99;");
        var error = Assert.Throws<NotSupportedException>(() => SqliteDatabase.Open(path));
        Assert.Equal(
            $"The database '{Path.GetFullPath(path)}' has schema version 99, newer than version 2 which this version of HrConnector.Sqlite knows: open it with a newer HrConnector.Sqlite, or use another file.",
            error.Message);
        Assert.Equal(99, Pragma(path, "user_version"));
    }

    [Fact]
    public void Open_NotADatabase_Throws()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        File.WriteAllText(path, new string('x', 4096));
        Assert.Throws<SqliteException>(() => SqliteDatabase.Open(path));
    }

    internal static object? Pragma(string path, string name)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        var value = command.ExecuteScalar();
        return value is long number && name == "user_version" ? (int)number : value;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
