using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IProvisioningJournal"/> (<see cref="ProvisioningJournalContract"/>) on SQLite, a new file per journal, and how the SQLite journal stores it.</summary>
public sealed class SqliteProvisioningJournalTests : IDisposable
{
    private static readonly ContractSuite Names = ProvisioningJournalContract.Cases(ContractTheories.NotCalled<IProvisioningJournal>);
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Names, null);

    public static TheoryData<CaseName> ConvergenceCases => ContractTheories.Names(Names, "Convergence");

    public static TheoryData<CaseName> ReviewCases => ContractTheories.Names(Names, "Review");

    private ContractSuite Suite => ProvisioningJournalContract.Cases(() => _databases.Open(_databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).Journal);

    public void Dispose() => _databases.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);

    [Theory]
    [Trait("Category", "Convergence")]
    [MemberData(nameof(ConvergenceCases))]
    public Task Convergence(CaseName name) => ContractTheories.RunAsync(Suite, name, "Convergence");

    [Theory]
    [Trait("Category", "Review")]
    [MemberData(nameof(ReviewCases))]
    public Task Review(CaseName name) => ContractTheories.RunAsync(Suite, name, "Review");

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task VerifiedAndCancelledEntries_LoseTheirChanges_KeepTheRest()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var journal = databases.Open(path).Journal;
        IReadOnlyList<IdentityValueChange> changes = [new("Title", "Dev", "Lead", OwnershipPolicy.Authoritative)];
        await journal.StageAsync("HR", "R1", [Order("o1", "E1", OrderKind.Modified, "I000001", changes: changes), Order("o2", "E2", OrderKind.Modified, "I000002", changes: changes), Order("o3", "E3", OrderKind.Modified, "I000003", changes: changes)], []);
        await journal.ReleaseAsync("HR", "R1");
        var entries = await EntriesAsync(journal, "HR");
        await journal.UpdateAsync(entries[0] with { State = OrderState.Verified });
        await journal.StageAsync("HR", "R2", [], ["o2"]);
        await journal.ReleaseAsync("HR", "R2");

        var after = await EntriesAsync(journal, "HR");
        Assert.Equal([OrderState.Verified, OrderState.Cancelled, OrderState.Pending], after.Select(e => e.State));
        Assert.Equal([0, 0, 1], after.Select(e => e.Order.Changes.Count));
        Assert.Equal(["I000001", "I000002", "I000003"], after.Select(e => e.Order.IdentityId));
        Assert.Equal(2L, Scalar(path, "SELECT count(*) FROM journal_order WHERE changes IS NULL;"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task Payload_IsCompactBinary_NotJson()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var journal = databases.Open(path).Journal;
        await journal.StageAsync("HR", "R1", [Order("o1", "E1", changes: [new("FirstName", null, "Ann", OwnershipPolicy.Authoritative), new("Start", null, new DateOnly(2026, 2, 1), OwnershipPolicy.OnChange)])], []);

        Assert.Equal("blob", Scalar(path, "SELECT typeof(payload) FROM journal_order;"));
        Assert.NotEqual((long)'{', Scalar(path, "SELECT unicode(CAST(substr(payload, 1, 1) AS TEXT)) FROM journal_order;"));
        Assert.True((long)Scalar(path, "SELECT length(payload) + length(changes) FROM journal_order;")! < 100);
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public void ReadAsync_OpenOnly_UsesThePartialIndexInSeqOrder()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (databases.Open(path))
        {
        }

        var plan = Scalar(path, "EXPLAIN QUERY PLAN SELECT id FROM journal_order WHERE connector = 'HR' AND state IN (0, 1, 2, 3, 4, 5, 8) ORDER BY seq;", column: 3) as string;
        Assert.Contains("journal_order_live", plan, StringComparison.Ordinal);
    }

    internal static object? Scalar(string path, string sql, int column = 0)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetValue(column) : null;
    }

    private static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(1));

    private static ProvisioningOrder Order(string id, string key, OrderKind kind = OrderKind.Added, string? identityId = null, DateTimeOffset? notBefore = null, IReadOnlyList<IdentityValueChange>? changes = null, string runId = "R1", string connector = "HR")
        => new(id, connector, "Person", key, kind, identityId, kind == OrderKind.Added ? "HR_Onboarding" : null, changes ?? [], runId, Now, notBefore);

    private static async Task<List<JournalEntry>> EntriesAsync(IProvisioningJournal journal, string connector)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync(connector, openOnly: false))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
