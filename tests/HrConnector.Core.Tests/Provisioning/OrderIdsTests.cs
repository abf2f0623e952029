using HrConnector.Provisioning;

namespace HrConnector.Tests.Provisioning;

/// <summary>OrderIds: the deterministic id of an order, the idempotency key of every dispatch.</summary>
public class OrderIdsTests
{
    private static readonly DateTimeOffset Later = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private static IdentityValueChange Change(string property, object? value, object? old = null, OwnershipPolicy policy = OwnershipPolicy.OnChange)
        => new(property, old, value, policy);

    private static string Id(
        string connector = "HR",
        string entityType = "Person",
        string key = "E1",
        OrderKind kind = OrderKind.Modified,
        string? baseRun = "run-1",
        IReadOnlyList<IdentityValueChange>? changes = null,
        DateTimeOffset? notBefore = null)
        => OrderIds.Create(connector, entityType, key, kind, baseRun, changes ?? [Change("Mail", "a@x.org"), Change("Title", "Engineer")], notBefore);

    [Fact]
    public void Create_SameInputs_SameId()
    {
        Assert.Equal(Id(), Id());
        Assert.Equal(Id(notBefore: Later, baseRun: null), Id(notBefore: Later, baseRun: null));
    }

    [Fact]
    public void Create_Id_Is32HexadecimalCharacters()
        => Assert.Matches("^[0-9A-F]{32}$", Id());

    [Fact]
    public void Create_PropertyOrder_DoesNotMatter()
        => Assert.Equal(Id(changes: [Change("Mail", "a@x.org"), Change("Title", "Engineer")]), Id(changes: [Change("Title", "Engineer"), Change("Mail", "a@x.org")]));

    [Fact]
    public void Create_CaseOfConnectorEntityTypeAndProperty_DoesNotMatter()
        => Assert.Equal(Id(), Id(connector: "hr", entityType: "PERSON", changes: [Change("MAIL", "a@x.org"), Change("title", "Engineer")]));

    [Fact]
    public void Create_OldValueAndPolicy_DoNotMatter()
        => Assert.Equal(Id(), Id(changes: [Change("Mail", "a@x.org", old: "z@x.org", policy: OwnershipPolicy.Authoritative), Change("Title", "Engineer", old: "Intern")]));

    [Fact]
    public void Create_ListValuesInAnotherOrder_SameId()
        => Assert.Equal(Id(changes: [Change("Roles", new[] { "A", "B" })]), Id(changes: [Change("Roles", new List<string> { "B", "A" })]));

    [Fact]
    public void Create_SameInstantInAnotherOffset_SameId()
        => Assert.Equal(Id(notBefore: Later), Id(notBefore: Later.ToOffset(TimeSpan.FromHours(2))));

    [Fact]
    public void Create_DifferentBaseRun_DifferentId()
    {
        Assert.NotEqual(Id(baseRun: "run-1"), Id(baseRun: "run-2"));
        Assert.NotEqual(Id(baseRun: "run-1"), Id(baseRun: null));
    }

    [Fact]
    public void Create_DifferentKind_DifferentId()
    {
        var ids = Enum.GetValues<OrderKind>().Select(k => Id(kind: k)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Create_DifferentValue_DifferentId()
    {
        Assert.NotEqual(Id(changes: [Change("Title", "Engineer")]), Id(changes: [Change("Title", "Manager")]));
        Assert.NotEqual(Id(changes: [Change("Title", "Engineer")]), Id(changes: [Change("Title", null)]));
        Assert.NotEqual(Id(changes: [Change("Title", "Engineer")]), Id(changes: [Change("Title", "engineer")]));
        Assert.NotEqual(Id(changes: [Change("Fte", 1.0m)]), Id(changes: [Change("Fte", 0.5m)]));
        Assert.NotEqual(Id(changes: [Change("Start", new DateOnly(2025, 1, 1))]), Id(changes: [Change("Start", new DateOnly(2025, 1, 2))]));
        Assert.NotEqual(Id(changes: [Change("Roles", new[] { "A" })]), Id(changes: [Change("Roles", new[] { "A", "B" })]));
    }

    [Fact]
    public void Create_DifferentProperty_DifferentId()
        => Assert.NotEqual(Id(changes: [Change("Title", "x")]), Id(changes: [Change("Office", "x")]));

    [Fact]
    public void Create_MoreOrFewerChanges_DifferentId()
    {
        Assert.NotEqual(Id(changes: [Change("Title", "x")]), Id(changes: [Change("Title", "x"), Change("Office", "y")]));
        Assert.NotEqual(Id(changes: []), Id(changes: [Change("Title", "x")]));
    }

    [Fact]
    public void Create_DifferentNotBefore_DifferentId()
    {
        Assert.NotEqual(Id(notBefore: null), Id(notBefore: Later));
        Assert.NotEqual(Id(notBefore: Later), Id(notBefore: Later.AddDays(1)));
        Assert.NotEqual(Id(notBefore: Later), Id(notBefore: Later.AddTicks(1)));
    }

    [Fact]
    public void Create_DifferentKeyConnectorOrEntityType_DifferentId()
    {
        Assert.NotEqual(Id(key: "E1"), Id(key: "E2"));
        Assert.NotEqual(Id(key: "e1"), Id(key: "E1"));
        Assert.NotEqual(Id(connector: "HR"), Id(connector: "Payroll"));
        Assert.NotEqual(Id(entityType: "Person"), Id(entityType: "Contractor"));
    }

    [Fact]
    public void Create_FieldBoundaries_CannotBeShifted()
    {
        Assert.NotEqual(OrderIds.Create("HR", "Person", "E1", OrderKind.Added, "ab", [], null), OrderIds.Create("HR", "Person", "E1a", OrderKind.Added, "b", [], null));
        Assert.NotEqual(Id(changes: [Change("Ti", "tleX")]), Id(changes: [Change("Title", "X")]));
    }

    /// <summary>
    /// The ids of one order of each kind, as computed on 2026-12-03 (before the public records and the resource table
    /// of issue 14 changed). An order id is the idempotency key of an order that may be in flight across an upgrade
    /// (the journal replays it, the host answers for it): a refactoring, or a rename of an <see cref="OrderKind"/>
    /// member (its name is part of the id), must not change it.
    /// </summary>
    [Theory]
    [InlineData(0, "31B4EDD28F126305465E8120E6742B6F")]
    [InlineData(1, "276E82695200517FDE380AA4D414D91D")]
    [InlineData(2, "6CE09C9D78BE413A0E6262632C60E383")]
    [InlineData(3, "A47CDCB200221011F399C8090C9497BE")]
    [InlineData(4, "225027F396DB20F3F54C5D01B8A041C0")]
    [InlineData(5, "2EFFA624E3F6E0BA2BA56F3140794F30")]
    public void Create_EachKind_KeepsTheIdOfEarlierVersions(int kind, string expected)
        => Assert.Equal(expected, Id(kind: (OrderKind)kind));
}
