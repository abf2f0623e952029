using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Tests.Jobs;
using HrConnector.Modeling;

using static HrConnector.Tests.SynchronizationJobProvisioningTests;
using static HrConnector.Tests.Shared.ScenarioRows;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// The correlation review through the library: Dan's mail matches two identities (Daniel and Danny, loaded by hand), so
/// the first run leaves him for review; a decision is acted on by the next run.
/// </summary>
[Collection(SharedRunLock.Name)]
[Trait("Category", "Review")]
public sealed class CorrelationReviewTests
{
    private readonly ProvisioningScenario _scenario = new();
    private readonly string _danielId;
    private readonly string _dannyId;

    public CorrelationReviewTests()
    {
        _danielId = _scenario.Repository.Add(Values(("FirstName", "Daniel"), ("LastName", "Ray"), ("Mail", "dan@corp.example")));
        _dannyId = _scenario.Repository.Add(Values(("FirstName", "Danny"), ("Mail", "DAN@corp.example")));
    }

    private CorrelationReview Review => new SynchronizationJob(_scenario.Connector, _scenario.Store, _scenario.Repository, journal: _scenario.Journal, timeProvider: _scenario.Clock).GetCorrelationReview();

    [Fact]
    public async Task ListAsync_AfterTheRun_ListsTheDisputedRecord_WithItsCandidatesRuleAndConfidence()
    {
        await DayOneAsync();

        var item = Assert.Single(await Review.ListAsync());

        Assert.True(item.IsOpen);
        Assert.Equal(("Person", "E4"), (item.EntityType, item.ResourceKey));
        Assert.Equal(new[] { _danielId, _dannyId }.Order(StringComparer.Ordinal), item.Case!.Candidates);
        Assert.Equal(100, item.Case.Confidence);
        Assert.Null(item.Decision);
    }

    [Fact]
    public async Task LinkAsync_NextRunLinksTheChosenIdentity_UpdatesIt_CreatesNoIdentity()
    {
        await DayOneAsync();
        var identities = _scenario.Repository.Count;

        var decision = await Review.LinkAsync("E4", _danielId, decidedBy: "alice");

        Assert.Equal((CorrelationDecisionKind.Link, _danielId, "alice", _scenario.Clock.GetUtcNow()), (decision.Kind, decision.IdentityId, decision.DecidedBy, decision.DecidedAt));
        var listed = Assert.Single(await Review.ListAsync());
        Assert.Equal(CorrelationDecisionKind.Link, listed.Decision!.Kind);
        Assert.NotNull(listed.Case);

        _scenario.NextDay();
        var day2 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));

        Assert.Equal(1, day2.Provisioning!.Orders[OrderKind.Linked]);
        Assert.Equal(0, day2.Provisioning.Orders[OrderKind.Added]);
        Assert.Empty(day2.Provisioning.Review);
        Assert.Equal(identities, _scenario.Repository.Count);
        var dan = await _scenario.IdentityOfAsync("E4");
        Assert.Equal(_danielId, dan.Id);
        Assert.Equal("Dan", dan.GetValue("FirstName"));                 // authoritative: corrected when linked
        Assert.Equal("dan@corp.example", dan.GetValue("Mail"));        // on change: kept
        Assert.Empty(await Review.ListAsync());                         // acted on: nothing left to review

        // The runs after it treat Dan as linked: an HR change reaches the identity.
        _scenario.NextDay();
        await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan.Replace("Tester", "Lead Tester", StringComparison.Ordinal)));
        Assert.Equal("Lead Tester", (await _scenario.IdentityOfAsync("E4")).GetValue("Title"));
        Assert.Equal(identities, _scenario.Repository.Count);
    }

    [Fact]
    public async Task CreateAsync_NextRunCreatesANewIdentity_WithoutCorrelatingAgain()
    {
        await DayOneAsync();
        var identities = _scenario.Repository.Count;

        await Review.CreateAsync("E4");
        _scenario.NextDay();
        var day2 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));

        Assert.Equal(1, day2.Provisioning!.Orders[OrderKind.Added]);
        Assert.Empty(day2.Provisioning.Review);
        Assert.Equal(identities + 1, _scenario.Repository.Count);
        var dan = await _scenario.IdentityOfAsync("E4");
        Assert.DoesNotContain(dan.Id, new[] { _danielId, _dannyId });
        Assert.Equal("Dan", dan.GetValue("FirstName"));
        Assert.Empty(await Review.ListAsync());
    }

    [Fact]
    public async Task IgnoreAsync_NextRunsProvisionNothing_ItStaysListedAsIgnored_UntilCleared()
    {
        await DayOneAsync();
        var identities = _scenario.Repository.Count;

        await Review.IgnoreAsync("E4", decidedBy: "bob");
        _scenario.NextDay();
        var day2 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));
        _scenario.NextDay();
        var day3 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));

        Assert.All(new[] { day2, day3 }, day => Assert.Equal(0, day.Provisioning!.Orders.Values.Sum()));
        Assert.All(new[] { day2, day3 }, day => Assert.Empty(day.Provisioning!.Review));
        Assert.Equal(identities, _scenario.Repository.Count);
        Assert.DoesNotContain(await _scenario.LinksAsync(), l => l.ResourceKey == "E4");
        var ignored = Assert.Single(await Review.ListAsync());
        Assert.Equal(("E4", CorrelationDecisionKind.Ignore, "bob"), (ignored.ResourceKey, ignored.Decision!.Kind, ignored.Decision.DecidedBy));
        Assert.Null(ignored.Case);                                      // no run disputes it any more

        Assert.True(await Review.ClearAsync("E4"));
        Assert.False(await Review.ClearAsync("E4"));
        _scenario.NextDay();
        var day4 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));
        Assert.Equal("E4", Assert.Single(day4.Provisioning!.Review).ResourceKey);
        Assert.True(Assert.Single(await Review.ListAsync()).IsOpen);
    }

    [Fact]
    public async Task ListAsync_ARecordGoneFromHr_IsNoLongerListed()
    {
        await DayOneAsync();

        _scenario.NextDay();
        await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol));

        Assert.Empty(await Review.ListAsync());
    }

    [Fact]
    public async Task Decisions_OnUnknownKeysOrIdentities_AreRefusedWithAClearMessage_AndRecordNothing()
    {
        await DayOneAsync();
        var aliceId = (await _scenario.IdentityOfAsync("E1")).Id;

        var unknownKey = await Assert.ThrowsAsync<CorrelationReviewException>(() => Review.CreateAsync("E9"));
        var wrongCase = await Assert.ThrowsAsync<CorrelationReviewException>(() => Review.IgnoreAsync("e4"));
        var unknownIdentity = await Assert.ThrowsAsync<CorrelationReviewException>(() => Review.LinkAsync("E4", "I-NOPE"));
        var takenIdentity = await Assert.ThrowsAsync<CorrelationReviewException>(() => Review.LinkAsync("E4", aliceId));
        var linkedRecord = await Assert.ThrowsAsync<CorrelationReviewException>(() => Review.IgnoreAsync("E1"));

        Assert.Equal("There is no record 'E9' of 'Person' in the resource store of 'HR': check the key (keys are case-sensitive), or run a synchronization first.", unknownKey.Message);
        Assert.Contains("no record 'e4'", wrongCase.Message, StringComparison.Ordinal);
        Assert.Equal("There is no identity 'I-NOPE' in the identity repository: give the id of one of the candidates.", unknownIdentity.Message);
        Assert.Equal($"The identity '{aliceId}' is already linked to the record 'E1' of 'Person'.", takenIdentity.Message);
        Assert.Equal($"The record 'E1' of 'Person' is already linked to the identity '{aliceId}': there is nothing to decide.", linkedRecord.Message);
        Assert.IsAssignableFrom<HrConnectorException>(unknownKey);
        Assert.True(Assert.Single(await Review.ListAsync()).IsOpen);
    }

    [Fact]
    public async Task LinkAsync_TheIdentityIsTakenBeforeTheNextRun_TheRunWarnsAndLinksNothing()
    {
        await DayOneAsync();
        await Review.LinkAsync("E4", _dannyId);
        await _scenario.Repository.DeleteAsync(_dannyId, "by-hand");

        _scenario.NextDay();
        var day2 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));

        Assert.Equal(0, day2.Provisioning!.Orders.Values.Sum());
        Assert.Contains(day2.Messages, m => m.Contains($"'{_dannyId}', which no longer exists: decide again", StringComparison.Ordinal));
        Assert.DoesNotContain(await _scenario.LinksAsync(), l => l.ResourceKey == "E4");
    }

    [Fact]
    public void GetCorrelationReview_ConnectorWithoutProvisioning_IsRefused()
    {
        var connector = new HrConnector.ConnectorBuilder("Plain").EntityType("Person", e => e.Property("Name")).CsvConnection("people", c => c.Path = "people.csv").Map("Person", "people", "Id", m => m.Column("Name", "Name")).Build();

        var exception = Assert.Throws<CorrelationReviewException>(() => new SynchronizationJob(connector).GetCorrelationReview());

        Assert.Equal("The connector 'Plain' provisions nothing (no Provisioning settings): there is nothing to review.", exception.Message);
    }

    private async Task DayOneAsync()
    {
        var day1 = await _scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));
        Assert.Equal("E4", Assert.Single(day1.Provisioning!.Review).ResourceKey);
    }
}
