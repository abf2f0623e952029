using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// A hash of a connector's declaration (its options serialized as JSON, code left out): two connectors declared alike
/// have the same hash. A reviewed plan is applied only by a connector with the hash it was computed with. Computed
/// properties are code: a change in their code does not change the hash (the plan's digest catches what it changes).
/// The schedule is left out too: when a run happens does not change what it does.
/// </summary>
internal static class ConnectorDefinition
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    for (var i = info.Properties.Count - 1; i >= 0; i--)
                    {
                        // When the host runs the connector is no part of what a run does.
                        if (typeof(Delegate).IsAssignableFrom(info.Properties[i].PropertyType) || info.Properties[i].PropertyType == typeof(ScheduleOptions))
                        {
                            info.Properties.RemoveAt(i);
                        }
                    }
                },
            },
        },
    };

    public static string Hash(ConnectorOptions options)
        => Jobs.PlanBases.Hex(XxHash128.Hash(JsonSerializer.SerializeToUtf8Bytes(options, Options)));
}
