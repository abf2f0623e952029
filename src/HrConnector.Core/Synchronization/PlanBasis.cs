using System.Text.Json;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>One HR file a plan was computed from.</summary>
/// <param name="EntityType">The entity type read from it.</param>
/// <param name="File">Its path.</param>
/// <param name="Sha256">The SHA-256 of its bytes, in lower-case hexadecimal.</param>
public sealed record PlanInput(string EntityType, string File, string Sha256);

/// <summary>
/// What a plan was computed against and what it does, so that a reviewed plan is applied only if nothing changed: the
/// store's state, the connector definition, the input files, and a digest of every resource change and order.
/// </summary>
public sealed record PlanBasis
{
    /// <summary>Gets the run whose commit the resource store held (<see cref="SyncPlan.BaseRunId"/>), or <see langword="null"/> for an empty store.</summary>
    public string? BaseRunId { get; init; }

    /// <summary>Gets a hash of the connector definition: entity types, connections, mappings, thresholds, provisioning.</summary>
    public required string Definition { get; init; }

    /// <summary>Gets the files read, with their hashes; empty when the run mapped in-memory text.</summary>
    public IReadOnlyList<PlanInput> Inputs { get; init; } = [];

    /// <summary>Gets a hash of what the run does: every resource inserted, updated (with its new values) and deleted, and every provisioning order decided.</summary>
    public required string Digest { get; init; }

    /// <summary>Reads the basis that <c>hrconnector preview --out</c> (or <see cref="SyncPlan.ToJson"/> of a previewed plan) wrote into a plan's JSON.</summary>
    /// <param name="planJson">The plan's JSON text.</param>
    /// <returns>The basis.</returns>
    /// <exception cref="HrConnectorException">The JSON is not a plan, or holds no basis (it was not written by a preview of a job).</exception>
    public static PlanBasis FromPlanJson(string planJson)
    {
        ArgumentNullException.ThrowIfNull(planJson);
        try
        {
            using var document = JsonDocument.Parse(planJson);
            if (!document.RootElement.TryGetProperty("basis", out var basis) || basis.ValueKind != JsonValueKind.Object)
            {
                throw new HrConnectorException("The plan holds no basis: write it with a preview of the job (hrconnector preview --out plan.json), then approve that file.");
            }

            return Read(basis);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new HrConnectorException($"The plan is not valid JSON written by a preview: {exception.GetType().Name} at its basis.", exception);
        }
    }

    /// <summary>Writes the basis as the property <c>basis</c> of the object being written.</summary>
    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("basis");
        writer.WriteString("baseRunId", BaseRunId);
        writer.WriteString("definition", Definition);
        writer.WriteString("digest", Digest);
        writer.WriteStartArray("inputs");
        foreach (var input in Inputs)
        {
            writer.WriteStartObject();
            writer.WriteString("entityType", input.EntityType);
            writer.WriteString("file", input.File);
            writer.WriteString("sha256", input.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static PlanBasis Read(JsonElement basis) => new()
    {
        BaseRunId = basis.GetProperty("baseRunId").GetString(),
        Definition = basis.GetProperty("definition").GetString() ?? throw new InvalidOperationException("definition is null"),
        Digest = basis.GetProperty("digest").GetString() ?? throw new InvalidOperationException("digest is null"),
        Inputs = [.. basis.GetProperty("inputs").EnumerateArray().Select(i => new PlanInput(i.GetProperty("entityType").GetString()!, i.GetProperty("file").GetString()!, i.GetProperty("sha256").GetString()!))],
    };
}
