using CsCheck;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Tests.Convergence;
using Microsoft.Extensions.Configuration;

namespace HrConnector.Tests.Provisioning;

/// <summary>Generated identity values: templates, normalization, uniqueness against the identities and within a run.</summary>
[Trait("Category", "IdentityShaping")]
public sealed class ProvisionerGenerationTests
{
    private const string Suffix = "@fabrikam.example";

    [Fact]
    public async Task RunAsync_TwoNamesakesInOneRun_GetDistinctValuesInKeyOrder()
    {
        var bed = new Bed(Login);

        // E2 comes first in the file: the values still follow the keys.
        var result = await bed.RunAsync(new HrRow("E2", "Jean", "Dupont", "Analyst", "IT"), new HrRow("E1", "Jean", "Dupont", "Engineer", "IT"));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal("jean.dupont" + Suffix, (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
        Assert.Equal("jean.dupont2" + Suffix, (await bed.IdentityOfAsync("E2"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_ValueHeldByAnIdentity_TakesTheNextCandidate()
    {
        var bed = new Bed(Login);
        bed.Identities.Add(new Dictionary<string, object?> { ["Login"] = "Jean.Dupont" + Suffix });
        bed.Identities.Add(new Dictionary<string, object?> { ["Login"] = "jean.dupont2" + Suffix });

        await bed.RunAsync(new HrRow("E1", "Jean", "Dupont", "Engineer", "IT"), new HrRow("E2", "Jean", "Dupont", "Analyst", "IT"));

        Assert.Equal("jean.dupont3" + Suffix, (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
        Assert.Equal("jean.dupont4" + Suffix, (await bed.IdentityOfAsync("E2"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_BatchLookup_GivesTheSameValues()
    {
        var bed = new Bed(Login);
        bed.Identities.Add(new Dictionary<string, object?> { ["Login"] = "jean.dupont" + Suffix });
        var job = new SynchronizationJob(bed.Connector, bed.Store, bed.Identities, new RepositoryWorkflowLauncher(bed.Identities), bed.Journal, bed.Time, runLock: new InMemoryConnectorRunLock());

        var result = await job.RunAsync(bed.Request([new HrRow("E2", "Jean", "Dupont", "Analyst", "IT"), new HrRow("E1", "Jean", "Dupont", "Engineer", "IT")]));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal("jean.dupont2" + Suffix, (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
        Assert.Equal("jean.dupont3" + Suffix, (await bed.IdentityOfAsync("E2"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_UniquenessQueryHangs_FailsWithinTheTimeoutBeforeAnythingIsStaged_NextRunConverges()
    {
        var bed = new Bed(p =>
        {
            Login(p);
            p.Options.Timeout = TimeSpan.FromMilliseconds(300);
        });
        bed.Repository.HangQueries = true;

        await Assert.ThrowsAsync<TimeoutException>(() => bed.RunAsync(new HrRow("E1", "Jean", "Dupont", "Engineer", "IT")));

        Assert.Empty(await bed.EntriesAsync());
        Assert.Empty(await bed.LinksAsync());
        bed.Repository.HangQueries = false;
        var result = await bed.RunAsync(new HrRow("E1", "Jean", "Dupont", "Engineer", "IT"));
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal("jean.dupont" + Suffix, (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_GeneratedValue_IsKeptOnRename()
    {
        var bed = new Bed(Login);
        var jean = new HrRow("E1", "Jean", "Dupont", "Engineer", "IT");
        await bed.RunAsync(jean);

        var again = await bed.RunAsync(jean);
        var renamed = await bed.RunAsync(jean with { LastName = "Martin" });

        Assert.Empty(again.Orders);
        var order = Assert.Single(renamed.Orders);
        Assert.DoesNotContain(order.Changes, c => c.Property == "Login");
        Assert.Equal("jean.dupont" + Suffix, (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
        Assert.Empty((await bed.RunAsync(jean with { LastName = "Martin" })).Orders);
    }

    [Fact]
    public async Task RunAsync_RenameWithOnChangePolicy_RegeneratesTheMailAndKeepsTheLogin()
    {
        var bed = new Bed(p => p
            .Generated("Login", ["{FirstName[0]}{LastName}", "{FirstName[0]}{LastName}{n}"])
            .Generated("Mail", ["{FirstName}.{LastName}", "{FirstName}.{LastName}{n}"], Suffix, policy: OwnershipPolicy.OnChange));
        var jean = new HrRow("E1", "Jean", "Dupont", "Engineer", "IT");
        await bed.RunAsync(jean);
        bed.Identities.Add(new Dictionary<string, object?> { ["Mail"] = "jean.martin" + Suffix });

        var moved = await bed.RunAsync(jean with { Title = "Lead" });
        var renamed = await bed.RunAsync(jean with { Title = "Lead", LastName = "Martin" });
        var after = await bed.RunAsync(jean with { Title = "Lead", LastName = "Martin" });

        Assert.DoesNotContain(Assert.Single(moved.Orders).Changes, c => c.Property == "Mail");
        var order = Assert.Single(renamed.Orders);
        Assert.Equal(OrderReason.Mover, order.Reason);
        Assert.Contains(order.Changes, c => c.Property == "Mail" && (string?)c.OldValue == "jean.dupont" + Suffix && (string?)c.NewValue == "jean.martin2" + Suffix);
        Assert.Empty(after.Orders);
        var identity = (await bed.IdentityOfAsync("E1"))!;
        Assert.Equal(("jdupont", "jean.martin2" + Suffix), (identity.GetValue("Login"), identity.GetValue("Mail")));
    }

    [Fact]
    public async Task RunAsync_DiacriticsAndMaxLength_AreApplied()
    {
        var bed = new Bed(p => p.Generated("Login", ["{FirstName}.{LastName}", "{FirstName}.{LastName}{n}"], Suffix, g => g.Normalize.MaxLength = 12));
        bed.Identities.Add(new Dictionary<string, object?> { ["Login"] = "zoe.strauss" + Suffix });

        await bed.RunAsync(new HrRow("E1", "Zoë", "Strauß-Müller", "Engineer", "IT"), new HrRow("E2", "Zoë", "Strauß-Müller", "Engineer", "IT"));

        // The counter is kept when the value is cut.
        Assert.Equal("zoe.strauss2" + Suffix, (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
        Assert.Equal("zoe.strauss3" + Suffix, (await bed.IdentityOfAsync("E2"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_InitialTemplate_UsesTheFirstCharacter()
    {
        var bed = new Bed(p => p.Generated("Login", ["{FirstName}.{LastName}", "{FirstName[0]}{LastName}"]));
        bed.Identities.Add(new Dictionary<string, object?> { ["Login"] = "elodie.durand" });

        await bed.RunAsync(new HrRow("E1", "Élodie", "Durand", "Engineer", "IT"));

        Assert.Equal("edurand", (await bed.IdentityOfAsync("E1"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_NoCandidateFree_OrderFailsWithoutReachingTheHost_ReportedWithoutValues()
    {
        var bed = new Bed(p =>
        {
            p.Generated("Login", ["{FirstName}.{LastName}"], Suffix);
            p.Options.Retry.MaxFailures = 3;
        });
        var taken = bed.Identities.Add(new Dictionary<string, object?> { ["Login"] = "jean.dupont" + Suffix });
        var jean = new HrRow("E7", "Jean", "Dupont", "Engineer", "IT");

        var result = await bed.RunAsync(jean);

        // An Added order is issued, and fails without a call to the repository: no identity without its login.
        var order = Assert.Single(result.Orders);
        Assert.Equal((OrderKind.Added, "E7"), (order.Kind, order.ResourceKey));
        Assert.DoesNotContain(order.Changes, c => c.Property == "Login");
        Assert.Equal((1, 0), (result.Provisioning!.Errored, result.Provisioning.Executed));
        Assert.Equal(JobStatus.SucceededWithWarnings, result.Status);
        Assert.Null(await bed.IdentityOfAsync("E7"));
        Assert.Equal(1, bed.Identities.Count);
        var entry = Assert.Single(await bed.EntriesAsync());
        Assert.Equal((OrderState.Errored, 1), (entry.State, entry.Failures));
        Assert.Contains("generated identity property 'Login'", entry.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was sent to the host", entry.Error, StringComparison.Ordinal);
        var message = Assert.Single(result.Messages, m => m.Contains("generated identity property 'Login'", StringComparison.Ordinal));
        Assert.Contains("'E7'", message, StringComparison.Ordinal);
        foreach (var text in new[] { message, entry.Error! })
        {
            Assert.DoesNotContain("jean", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("dupont", text, StringComparison.OrdinalIgnoreCase);
        }

        // Decided again at each run: the same order fails again, then is stuck once its failures are spent.
        var second = await bed.RunAsync(jean);
        Assert.Equal(OrderReason.Retry, Assert.Single(second.Orders).Reason);
        await bed.RunAsync(jean);
        Assert.Equal((OrderState.Stuck, 3), (await bed.EntriesAsync()) is [var stuck] ? (stuck.State, stuck.Failures) : default);
        var fourth = await bed.RunAsync(jean);
        Assert.Empty(fourth.Orders);
        Assert.Equal("E7", Assert.Single(fourth.Provisioning!.Stuck).ResourceKey);

        // Once the value is free, the joiner gets a new order, and the login.
        await bed.Identities.DeleteAsync(taken, "free-it");
        var freed = await bed.RunAsync(jean);

        Assert.Equal(OrderKind.Added, Assert.Single(freed.Orders).Kind);
        Assert.Equal("jean.dupont" + Suffix, (await bed.IdentityOfAsync("E7"))!.GetValue("Login"));
    }

    [Fact]
    public async Task RunAsync_NoCandidateFreeForOneOfTwoProperties_TheOtherValueIsNotClaimed()
    {
        // Login is free for Jean but Mail is not: his order carries neither, so Jeanne (next in key order) may take
        // the login Jean would have had.
        var bed = new Bed(p =>
        {
            p.Generated("Login", ["{FirstName[0]}{LastName}"]);
            p.Generated("Mail", ["{FirstName}.{LastName}"], Suffix);
        });
        bed.Identities.Add(new Dictionary<string, object?> { ["Mail"] = "jean.dupont" + Suffix });

        var result = await bed.RunAsync(new HrRow("E1", "Jean", "Dupont", "Engineer", "IT"), new HrRow("E2", "Jeanne", "Dupont", "Engineer", "IT"));

        Assert.Equal((1, 1), (result.Provisioning!.Errored, result.Provisioning.Executed));
        Assert.DoesNotContain(result.Orders.Single(o => o.ResourceKey == "E1").Changes, c => c.Property is "Login" or "Mail");
        var jeanne = (await bed.IdentityOfAsync("E2"))!;
        Assert.Equal(("jdupont", "jeanne.dupont" + Suffix), (jeanne.GetValue("Login"), jeanne.GetValue("Mail")));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "{FirstName}.{Surname}", "Provisioning.Properties[4] ('Login').Generate.Templates[0] names the HR property 'Surname', which the entity type 'Person' does not declare." },
        { "{FirstName.{LastName}", "Provisioning.Properties[4] ('Login').Generate.Templates[0] has a '{' without '}' at position 1." },
        { "{FirstName}}", "Provisioning.Properties[4] ('Login').Generate.Templates[0] has a '}' without '{' at position 12." },
        { "{FirstName[x]}", "Provisioning.Properties[4] ('Login').Generate.Templates[0] has the placeholder '{FirstName[x]}', whose index is not a number in brackets such as [0]." },
        { "{n}.{FirstName}{n}", "Provisioning.Properties[4] ('Login').Generate.Templates[0] has {n} more than once." },
        { "admin{n}", "Provisioning.Properties[4] ('Login').Generate.Templates[0] names no HR property: every record would get the same candidates." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Build_InvalidTemplate_IsRefusedWithAClearMessage(string template, string error)
    {
        var refused = Assert.Throws<ConnectorValidationException>(() => Hr.Build(p => p.Generated("Login", [template])));

        Assert.Equal(error, Assert.Single(refused.Errors));
    }

    [Fact]
    public void Build_GeneratedPropertyAuthoritative_IsRefused()
    {
        var refused = Assert.Throws<ConnectorValidationException>(() => Hr.Build(p => p.Options.Properties.Add(new IdentityPropertyOptions
        {
            Identity = "Login",
            Policy = OwnershipPolicy.Authoritative,
            Generate = new GeneratedValueOptions { Templates = { "{LastName}" }, MaxN = 1 },
        })));

        Assert.Equal(
            [
                "Provisioning.Properties[4] ('Login') is generated; its Policy must be InitialOnly (set when the identity is created, then kept) or OnChange (generated again when HR changes a property its templates read).",
                "Provisioning.Properties[4] ('Login').Generate has MaxN 1; it must be between 2 and 10000.",
            ],
            refused.Errors);
    }

    [Fact]
    public void Bind_GenerateSection_SetsEverySetting()
    {
        const string Json = """
            { "Provisioning": { "Properties": [
              { "Identity": "Mail", "Policy": "InitialOnly", "Generate": {
                "Templates": [ "{FirstName}.{LastName}", "{FirstName}.{LastName}{n}", "{FirstName[0]}{LastName}" ],
                "MaxN": 50,
                "Normalize": { "Case": "Lower", "RemoveDiacritics": true, "Spaces": "Dot", "Apostrophes": "Hyphen", "MaxLength": 20 },
                "Suffix": "@fabrikam.example" } }
            ] } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Json))).Build();

        var options = ConnectorConfiguration.Bind(configuration);

        var generate = Assert.Single(options.Provisioning!.Properties).Generate!;
        Assert.Equal(["{FirstName}.{LastName}", "{FirstName}.{LastName}{n}", "{FirstName[0]}{LastName}"], generate.Templates);
        Assert.Equal((50, "@fabrikam.example"), (generate.MaxN, generate.Suffix));
        Assert.Equal((IdentifierCase.Lower, true, SeparatorHandling.Dot, SeparatorHandling.Hyphen, (int?)20), (generate.Normalize.Case, generate.Normalize.RemoveDiacritics, generate.Normalize.Spaces, generate.Normalize.Apostrophes, generate.Normalize.MaxLength));
    }

    [Fact]
    public async Task TakenAsync_InMemory_AnswersIgnoringCaseAndSeesEveryWrite()
    {
        var repository = new InMemoryIdentityRepository();
        repository.Add(new Dictionary<string, object?> { ["Login"] = "Jean.Dupont" });

        var before = await repository.TakenAsync("Login", ["jean.dupont", "jean.dupont2"]);
        await repository.CreateAsync(new Dictionary<string, object?> { ["Login"] = "jean.dupont2" }, "op-1");
        var after = await repository.TakenAsync("Login", ["jean.dupont", "jean.dupont2", "jean.dupont3"]);

        Assert.Equal(["jean.dupont"], before.Order());
        Assert.Equal(["jean.dupont", "jean.dupont2"], after.Order());
    }

    private static void Login(ProvisioningBuilder p) => p.Generated("Login", ["{FirstName}.{LastName}", "{FirstName}.{LastName}{n}"], Suffix);
}
