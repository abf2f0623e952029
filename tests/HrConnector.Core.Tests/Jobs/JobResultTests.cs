using System.Text.Json;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Diagnostics;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests.Jobs;

/// <summary>JobResult.ToJson / FromJson: camel case, enums as text, a faithful round trip, and no HR value.</summary>
public class JobResultTests
{

    /// <summary>A run with orders, a reject and a correlation left for review.</summary>
    private static async Task<JobResult> RichResultAsync()
    {
        var connector = SecretPeople.Connector("Json", o =>
        {
            var rule = new CorrelationRuleOptions { Name = "last name", Confidence = 80 };
            rule.Conditions.Add(new CorrelationConditionOptions { Source = "LastName" });
            o.Provisioning!.Correlation.Add(rule);
        });
        var repository = new InMemoryIdentityRepository();
        repository.Add(new Dictionary<string, object?> { ["LastName"] = "Secret-Lastname3" });
        var job = new SynchronizationJob(connector, repository: repository, runLock: new InMemoryConnectorRunLock());
        return await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3), "REJECTED-ROW,Ann,Lee,31/02/1990,2020-01-01,1.0,N,100,,,D1")));
    }

    [Fact]
    public async Task ToJson_Result_IsCamelCaseWithEnumsAsText()
    {
        var result = await RichResultAsync();

        using var document = JsonDocument.Parse(result.ToJson());

        var root = document.RootElement;
        Assert.Equal(result.Connector, root.GetProperty("connector").GetString());
        Assert.Equal(result.RunId, root.GetProperty("runId").GetString());
        Assert.Equal("Complete", root.GetProperty("mode").GetString());
        Assert.Equal("SucceededWithWarnings", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("preview").GetBoolean());
        Assert.Equal("Person", root.GetProperty("entityTypes")[1].GetProperty("entityType").GetString());
        Assert.Equal("InvalidValue", root.GetProperty("rejects")[0].GetProperty("reason").GetString());
        var provisioning = root.GetProperty("provisioning");
        Assert.Equal(2, provisioning.GetProperty("executed").GetInt32());
        Assert.Equal(JsonValueKind.Object, provisioning.GetProperty("orders").ValueKind);
        Assert.Equal("last name", provisioning.GetProperty("review")[0].GetProperty("rule").GetString());
        Assert.Equal("Read", root.GetProperty("steps")[1].GetProperty("step").GetString());
        Assert.False(root.TryGetProperty("plan", out _));
        Assert.False(root.TryGetProperty("Orders", out _));
        Assert.DoesNotContain(root.EnumerateObject(), p => char.IsUpper(p.Name[0]));
    }

    [Fact]
    public async Task FromJson_ToJson_RoundTripsEverySerializedValue()
    {
        var result = await RichResultAsync();
        var json = result.ToJson();

        var read = JobResult.FromJson(json);

        Assert.Equal(json, read.ToJson());
        Assert.Equal((result.Connector, result.RunId, result.Status, result.Mode, result.StartedAt, result.FinishedAt), (read.Connector, read.RunId, read.Status, read.Mode, read.StartedAt, read.FinishedAt));
        Assert.Equal(result.EntityTypes, read.EntityTypes);
        Assert.Equal(result.Rejects, read.Rejects);
        Assert.Equal(result.Steps, read.Steps);
        Assert.Equal(result.Messages, read.Messages);
        Assert.Equal(result.Provisioning!.Orders, read.Provisioning!.Orders);
        Assert.Equal(result.Provisioning.Situations, read.Provisioning.Situations);
        Assert.Equal(result.Provisioning.Executed, read.Provisioning.Executed);
        var review = Assert.Single(read.Provisioning.Review);
        Assert.Equal(("Person", "EMP-SECRET-3", "last name", 80), (review.EntityType, review.ResourceKey, review.Rule, review.Confidence));
        Assert.Equal(["I000001"], review.Candidates);
        Assert.Null(read.Plan);
        Assert.Empty(read.Orders);
    }

    [Fact]
    public async Task FromJson_BlockedResult_RoundTripsTheBreaches()
    {
        var connector = SecretPeople.Connector("JsonBlocked", o => o.Thresholds.MaxDeleted = 1);
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock());
        await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3)), SynchronizationMode.Initial));
        var result = await job.RunAsync(Request(connector, People(Row(1))));

        var read = JobResult.FromJson(result.ToJson());

        Assert.Equal(JobStatus.Blocked, read.Status);
        Assert.Equal(result.Breaches, read.Breaches);
        var breach = Assert.Single(read.Breaches);
        Assert.Equal(("Person", ChangeKind.Delete, 2L, 1L), (breach.EntityType, breach.Kind, breach.Count, breach.Limit));
        Assert.Null(read.Provisioning);
        Assert.Contains("\"kind\": \"Delete\"", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_Result_HoldsNoHrValue_OnlyTheKeysOfRejectsAndReviewCases()
    {
        var result = await RichResultAsync();

        var json = result.ToJson();

        foreach (var value in new[] { "Zoë-Secret", "Secret-Lastname", "Zo\\u00EB", "31/02/1990", "1990-01-01", "Ann" })
        {
            Assert.DoesNotContain(value, json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(result.Orders);
        Assert.Contains(result.Orders, o => o.Changes.Any(c => Equals(c.NewValue, "Zoë-Secret1")));
        Assert.DoesNotContain("EMP-SECRET-1", json, StringComparison.Ordinal);
        Assert.Contains("\"resourceKey\": \"EMP-SECRET-3\"", json, StringComparison.Ordinal);
        Assert.Contains("\"key\": \"REJECTED-ROW\"", json, StringComparison.Ordinal);
    }

    /// <summary>The steps were strings before <see cref="JobStep"/>: a history written then reads the same steps now.</summary>
    [Fact]
    public void FromJson_StepsWrittenAsText_ReadAsTheirJobStep()
    {
        const string json = """
            { "connector": "HR", "runId": "R1", "status": "Succeeded", "steps": [ { "step": "Read", "duration": "00:00:01.5000000" }, { "step": "Dispatch", "duration": "00:00:02" } ] }
            """;

        var result = JobResult.FromJson(json);

        Assert.Equal([JobStep.Read, JobStep.Dispatch], result.Steps.Select(s => s.Step));
        Assert.Equal(TimeSpan.FromSeconds(1.5), result.Steps[0].Duration);
        Assert.Contains("\"step\": \"Read\"", result.ToJson(), StringComparison.Ordinal);
    }

    /// <summary>A step name no version wrote (a hand-edited or corrupt history row) is refused with the path of the value, not read as another step.</summary>
    [Fact]
    public void FromJson_UnknownStep_ThrowsJsonExceptionNamingThePath()
    {
        const string json = """{ "connector": "HR", "runId": "R1", "status": "Succeeded", "steps": [ { "step": "Reed", "duration": "00:00:01" } ] }""";

        var exception = Assert.Throws<JsonException>(() => JobResult.FromJson(json));

        Assert.Equal("$.steps[0].step", exception.Path);
    }

    [Fact]
    public void FromJson_Null_ThrowsJsonException()
    {
        var exception = Assert.Throws<JsonException>(() => JobResult.FromJson("null"));

        Assert.Equal("The JSON text holds no job result.", exception.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{ \"connector\": \"HR\", \"runId\": \"r\", \"status\": \"Exploded\" }")]
    public void FromJson_NotAJobResult_ThrowsJsonException(string json)
        => Assert.Throws<JsonException>(() => JobResult.FromJson(json));

    [Fact]
    public void ToString_NamesConnectorRunAndStatus()
        => Assert.Equal("HR r1: Blocked", new JobResult { Connector = "HR", RunId = "r1", Status = JobStatus.Blocked }.ToString());
}
