using System.Net.Http.Json;
using HrConnector.Jobs;

namespace Embedding;

/// <summary>
/// Posts the status of every applied run to a chat or ticketing webhook: status, run id and counts — no HR key, no HR
/// value. Registered with <c>services.AddHttpClient(WebhookJobObserver.HttpClientName, ...)</c> and
/// <c>services.AddSingleton&lt;IJobObserver, WebhookJobObserver&gt;()</c>; the job bounds the call
/// (<c>SynchronizationJob.ObserverTimeout</c>) and logs a failure without failing the run.
/// </summary>
public sealed class WebhookJobObserver(IHttpClientFactory httpClients) : IJobObserver
{
    /// <summary>The name of the HttpClient whose BaseAddress is the webhook.</summary>
    public const string HttpClientName = "hrconnector-webhook";

    public async Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
    {
        if (result.Preview)
        {
            return;
        }

        var status = new
        {
            result.Connector,
            result.RunId,
            Status = result.Status.ToString(),
            result.StartedAt,
            result.FinishedAt,
            Inserted = result.EntityTypes.Sum(e => e.Inserted),
            Updated = result.EntityTypes.Sum(e => e.Updated),
            Deleted = result.EntityTypes.Sum(e => e.Deleted),
            Rejected = result.EntityTypes.Sum(e => e.Rejected),
            Orders = result.Provisioning?.Orders.Values.Sum() ?? 0,
            FailedOrders = result.Provisioning?.Errored ?? 0,
            StuckOrders = result.Provisioning?.Stuck.Count ?? 0,
            Messages = result.Messages.Count,   // the messages themselves may name HR keys
        };
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(client.BaseAddress, status, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
