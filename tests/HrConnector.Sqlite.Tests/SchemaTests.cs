using HrConnector.Provisioning;
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
        Assert.Equal(3, Schema.CurrentVersion);
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
        var error = Assert.Throws<SqliteDatabaseException>(() => SqliteDatabase.Open(path));
        Assert.Equal(
            $"The database '{Path.GetFullPath(path)}' has schema version 99, newer than version 3 which this version of HrConnector.Sqlite knows: open it with a newer HrConnector.Sqlite, or use another file.",
            error.Message);
        Assert.Equal(Path.GetFullPath(path), error.Path);
        Assert.IsType<NotSupportedException>(error.InnerException);
        Assert.Equal(99, Pragma(path, "user_version"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Open_NewFile_TheFileAndItsWalAndShmAreReadableByTheirOwnerOnly()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (SqliteDatabase.Open(path))
        {
            Execute(path, "CREATE TABLE probe (x); INSERT INTO probe VALUES (1);");
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.True(File.Exists(path + "-wal") && File.Exists(path + "-shm"));
            Assert.Equal(
                (ownerOnly, ownerOnly, ownerOnly),
                (File.GetUnixFileMode(path), File.GetUnixFileMode(path + "-wal"), File.GetUnixFileMode(path + "-shm")));
        }
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Open_NotADatabase_ThrowsNamingTheFile()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        File.WriteAllText(path, new string('x', 4096));

        var error = Assert.Throws<SqliteDatabaseException>(() => SqliteDatabase.Open(path));

        Assert.Equal($"The database '{Path.GetFullPath(path)}' cannot be opened: it is not a SQLite database (error 26).", error.Message);
        Assert.Equal(26, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Open_FolderDoesNotExist_ThrowsNamingTheFile()
    {
        using var databases = new Databases();
        var path = Path.Combine(Path.GetDirectoryName(databases.NewPath())!, "missing", "hrconnector.db");

        var error = Assert.Throws<SqliteDatabaseException>(() => SqliteDatabase.Open(path));

        Assert.Equal($"The database '{path}' cannot be opened: SQLite cannot open the file (error 14); does its folder exist, and may this user read and write it?", error.Message);
        Assert.Equal(path, error.Path);
        Assert.Equal(14, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task Open_Version1File_MigratesToVersion2_KeepsEntriesStagedRunAndLinks()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Schema.Migrate(connection, path, 1);
        }

        const string Time = "2026-01-05T06:00:00.0000000+01:00";
        const string Changes = """[{"property":"Start","old":{"d":"2025-01-01"},"new":{"d":"2026-02-01"},"policy":"OnChange"},{"property":"Salary","old":{"m":"1.50"},"new":{"l":2},"policy":"InitialOnly"}]""";
        Execute(path, $$"""
            INSERT INTO journal_order (connector, id, state, attempts, updated_at, handle, error, payload) VALUES
            ('HR', 'o1', 2, 1, '{{Time}}', NULL, 'Timeout', '{"id":"o1","connector":"HR","entityType":"Person","resourceKey":"E1","kind":"Modified","identityId":"I000001","runId":"R1","createdAt":"{{Time}}","changes":{{Changes}}}'),
            ('HR', 'o2', 4, 1, '{{Time}}', 'wf-2', NULL, '{"id":"o2","connector":"HR","entityType":"Person","resourceKey":"E2","kind":"Added","workflow":"HR_Onboarding","runId":"R1","createdAt":"{{Time}}","changes":{{Changes}}}'),
            ('HR', 'o3', 0, 0, '{{Time}}', NULL, NULL, '{"id":"o3","connector":"HR","entityType":"Person","resourceKey":"E3","kind":"Deleted","identityId":"I000003","runId":"R9","createdAt":"{{Time}}","notBefore":"2026-02-04T06:00:00.0000000+01:00","changes":[]}'),
            ('HR', 'o4', 0, 0, '{{Time}}', NULL, NULL, '{"id":"o4","connector":"HR","entityType":"Person","resourceKey":"E4","kind":"Deactivated","identityId":"I000004","runId":"R9","createdAt":"{{Time}}","changes":[]}');
            INSERT INTO journal_staged_run (connector, run_id) VALUES ('HR', 'R9');
            INSERT INTO journal_link (connector, entity_type_key, resource_key, entity_type, identity_id, state) VALUES ('HR', 'PERSON', 'E1', 'Person', 'I000001', 1);
            """);

        using (var database = SqliteDatabase.Open(path))
        {
            Assert.Equal(Schema.CurrentVersion, Pragma(path, "user_version"));
            var journal = database.Journal;
            var entries = await EntriesAsync(journal);
            Assert.Equal(["o1", "o2", "o3", "o4"], entries.Select(e => e.Order.Id));
            Assert.Equal((OrderState.Pending, 1, "Timeout", 0, false), (entries[0].State, entries[0].Attempts, entries[0].Error, entries[0].Failures, entries[0].InDoubt));
            Assert.Equal(new DateOnly(2026, 2, 1), entries[0].Order.Changes[0].NewValue);
            Assert.Equal((1.50m, 2L), (entries[0].Order.Changes[1].OldValue, entries[0].Order.Changes[1].NewValue));
            Assert.Equal(new DateTimeOffset(2026, 2, 4, 6, 0, 0, TimeSpan.FromHours(1)), entries[2].Order.NotBefore);
            Assert.Equal("R9", await journal.GetStagedRunAsync("HR"));

            // The staged orders of version 1 belong to the staged run: it is released, the delayed delete scheduled.
            await journal.ReleaseAsync("HR", "R9");
            Assert.Equal([OrderState.Pending, OrderState.Executed, OrderState.Scheduled, OrderState.Pending], (await EntriesAsync(journal)).Select(e => e.State));

            // A JSON payload loses its changes when cancelled; an entry written again is written in binary.
            await journal.StageAsync("HR", "R10", [], ["o1"]);
            await journal.ReleaseAsync("HR", "R10");
            await journal.UpdateAsync((await EntriesAsync(journal))[1] with { State = OrderState.Verified });
            entries = await EntriesAsync(journal);
            Assert.Equal((OrderState.Cancelled, 0, "I000001"), (entries[0].State, entries[0].Order.Changes.Count, entries[0].Order.IdentityId));
            Assert.Equal((OrderState.Verified, 0, "HR_Onboarding"), (entries[1].State, entries[1].Order.Changes.Count, entries[1].Order.Workflow));

            var link = Assert.Single(await LinksAsync(journal));
            Assert.Equal(new IdentityLink("Person", "E1", "I000001", IdentityState.Inactive), link);
            Assert.NotNull(await database.RunLock.TryAcquireAsync("HR"));
        }

        Assert.Equal("ok", Pragma(path, "integrity_check"));
        // Version 1 payloads stay JSON (an update of the state only does not rewrite them), without their changes once verified or cancelled.
        Assert.Equal(["text", "text", "text", "text"], Column(path, "SELECT typeof(payload) FROM journal_order ORDER BY seq;"));
        Assert.Equal(["0", "0"], Column(path, "SELECT CAST(json_type(payload, '$.changes') IS NOT NULL AS TEXT) FROM journal_order WHERE state IN (6, 7) ORDER BY seq;"));
    }

    [Fact]
    [Trait("Category", "Review")]
    public async Task Open_Version2File_MigratesToVersion3_KeepsLinksAndEntries_AddsTheCorrelationReview()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Schema.Migrate(connection, path, 2);
        }

        Assert.Equal(2, Pragma(path, "user_version"));
        Assert.DoesNotContain("journal_decision", Tables(path));
        Execute(path, "INSERT INTO journal_link (connector, entity_type_key, resource_key, entity_type, identity_id, state, generation) VALUES ('HR', 'PERSON', 'E1', 'Person', 'I000001', 0, 3);");

        using (var database = SqliteDatabase.Open(path))
        {
            Assert.Equal(3, Pragma(path, "user_version"));
            Assert.Equal(new IdentityLink("Person", "E1", "I000001", IdentityState.Active, generation: 3), Assert.Single(await LinksAsync(database.Journal)));
            var review = Assert.IsAssignableFrom<ICorrelationJournal>(database.Journal);
            Assert.Empty(await review.ReadCasesAsync("HR").ToListAsync());
            await review.ReplaceCasesAsync("HR", "Person", [new HrConnector.Provisioning.CorrelationCase("Person", "E2", "mail", 80, ["I000002", "I000003"])]);
            await review.SetDecisionAsync("HR", new CorrelationDecision("Person", "E2", CorrelationDecisionKind.Ignore, null, DateTimeOffset.UnixEpoch, "alice"));
        }

        using (var database = SqliteDatabase.Open(path))
        {
            var review = (ICorrelationJournal)database.Journal;
            Assert.Equal(["I000002", "I000003"], Assert.Single(await review.ReadCasesAsync("HR").ToListAsync()).Candidates);
            Assert.Equal("alice", Assert.Single(await review.ReadDecisionsAsync("HR").ToListAsync()).DecidedBy);
        }

        Assert.Contains("journal_case", Tables(path));
        Assert.Equal("ok", Pragma(path, "integrity_check"));
    }

    private static async Task<List<JournalEntry>> EntriesAsync(IProvisioningJournal journal)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync("HR", openOnly: false))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static async Task<List<IdentityLink>> LinksAsync(IProvisioningJournal journal)
    {
        var links = new List<IdentityLink>();
        await foreach (var link in journal.ReadLinksAsync("HR"))
        {
            links.Add(link);
        }

        return links;
    }

    private static List<string> Column(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
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
