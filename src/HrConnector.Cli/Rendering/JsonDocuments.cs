using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HrConnector.Cli.Rendering;

/// <summary>The JSON documents the tool writes itself, in the library's style: indented, camel case, enums as text.</summary>
internal static class JsonDocuments
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A JSON array of documents each written by the library (JobResult.ToJson(), for example).</summary>
    public static string Array(IEnumerable<string> documents)
        => new JsonArray([.. documents.Select(d => JsonNode.Parse(d))]).ToJsonString(Options);
}
