using System.Globalization;
using System.Text.Json;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>
/// The <c>provisioning</c> section of a plan's JSON: the orders a job decided for the plan, attached to the plan
/// (<see cref="SyncPlan"/>) by the job so that <c>plan.json</c> shows them to the reviewer and its digest covers them.
/// </summary>
internal static class PlannedOrdersJson
{
    /// <summary>Reads the orders a plan's JSON carries (its <c>provisioning</c> section), or <see langword="null"/> when it carries none.</summary>
    /// <param name="json">The plan's JSON text.</param>
    /// <param name="connector">The identifier of the connector the plan must be for.</param>
    /// <param name="provisioning">How the connector provisions identities: it types the values.</param>
    public static PlannedOrders? Read(string json, string connector, ProvisioningModel? provisioning)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var name = root.GetProperty("connector").GetString();
            if (!string.Equals(name, connector, StringComparison.OrdinalIgnoreCase))
            {
                throw new HrConnectorException($"The plan is for the connector '{name}', not '{connector}'.");
            }

            // Plans written before orders were planned, or by a connector that provisions nothing, have none.
            return root.TryGetProperty("provisioning", out var element) && element.ValueKind == JsonValueKind.Object
                ? Read(element, connector, provisioning, root.GetProperty("runId").GetString()!, root.GetProperty("createdAt").GetDateTimeOffset(), root.GetProperty("redacted").GetBoolean())
                : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new HrConnectorException($"The JSON is not a plan of the connector '{connector}': {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The provisioning orders: counts per kind (every kind) and per reason, then each listed order with its changes. A
    /// value is sensitive when the change says so or the HR property the identity property is fed from is.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, PlannedOrders orders, bool includeSensitiveValues)
    {
        writer.WriteStartObject("provisioning");
        writer.WriteString("entityType", orders.EntityType);
        writer.WriteNumber("total", orders.Total);
        writer.WriteNumber("listed", orders.Listed.Count);
        writer.WriteStartObject("counts");
        foreach (var (kind, count) in orders.Counts.OrderBy(c => c.Key))
        {
            writer.WriteNumber(kind.ToString(), count);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("reasons");
        foreach (var (reason, count) in orders.Reasons.OrderBy(c => c.Key))
        {
            writer.WriteNumber(reason.ToString(), count);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("orders");
        foreach (var order in orders.Listed)
        {
            writer.WriteStartObject();
            writer.WriteString("id", order.Id);
            writer.WriteString("kind", order.Kind.ToString());
            writer.WriteString("reason", order.Reason.ToString());
            writer.WriteString("entityType", order.EntityType);
            writer.WriteString("key", order.ResourceKey);
            writer.WriteString("identityId", order.IdentityId);
            writer.WriteString("workflow", order.Workflow);
            if (order.NotBefore is { } notBefore)
            {
                writer.WriteString("notBefore", notBefore.ToString("O", CultureInfo.InvariantCulture));
            }

            writer.WriteStartArray("changes");
            foreach (var change in order.Changes)
            {
                var hidden = !includeSensitiveValues && (change.IsSensitive || orders.SourceOf(change.Property) is { IsSensitive: true });
                writer.WriteStartObject();
                writer.WriteString("property", change.Property);
                writer.WritePropertyName("old");
                WriteOrderValue(writer, change.OldValue, hidden);
                writer.WritePropertyName("new");
                WriteOrderValue(writer, change.NewValue, hidden);
                writer.WriteString("policy", change.Policy.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>An identity value: the identity's own value of a correction can be of any type the repository keeps.</summary>
    private static void WriteOrderValue(Utf8JsonWriter writer, object? value, bool hidden)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case not null when hidden:
                writer.WriteStringValue(EntityProperty.RedactedValue);
                break;
            case IReadOnlyList<object> many:
                writer.WriteStartArray();
                foreach (var item in many)
                {
                    WriteOrderScalar(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteOrderScalar(writer, value);
                break;
        }
    }

    private static void WriteOrderScalar(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case double number: writer.WriteNumberValue(number); break;
            case DateTimeOffset time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case string or int or long or decimal or bool or DateOnly or DateTime or Guid: SyncPlanJson.WriteScalar(writer, value); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static PlannedOrders Read(JsonElement element, string connector, ProvisioningModel? provisioning, string runId, DateTimeOffset createdAt, bool redacted)
    {
        var counts = Enum.GetValues<OrderKind>().ToDictionary(k => k, _ => 0);
        foreach (var count in element.GetProperty("counts").EnumerateObject())
        {
            counts[Enum.Parse<OrderKind>(count.Name)] = count.Value.GetInt32();
        }

        var reasons = element.GetProperty("reasons").EnumerateObject().ToDictionary(r => Enum.Parse<OrderReason>(r.Name), r => r.Value.GetInt32());
        var listed = new List<ProvisioningOrder>();
        foreach (var order in element.GetProperty("orders").EnumerateArray())
        {
            var changes = order.GetProperty("changes").EnumerateArray().Select(c =>
            {
                var property = c.GetProperty("property").GetString()!;
                var source = provisioning?.GetIdentitySource(property);
                var sensitive = source?.IsSensitive == true;
                return new IdentityValueChange(
                    property,
                    ReadOrderValue(c.GetProperty("old"), source, redacted),
                    ReadOrderValue(c.GetProperty("new"), source, redacted),
                    Enum.Parse<OwnershipPolicy>(c.GetProperty("policy").GetString()!)) { IsSensitive = sensitive };
            }).ToList();
            DateTimeOffset? notBefore = order.TryGetProperty("notBefore", out var time) ? time.GetDateTimeOffset() : null;
            listed.Add(new ProvisioningOrder(
                order.GetProperty("id").GetString()!,
                connector,
                order.GetProperty("entityType").GetString()!,
                order.GetProperty("key").GetString()!,
                Enum.Parse<OrderKind>(order.GetProperty("kind").GetString()!),
                order.GetProperty("identityId").GetString(),
                order.GetProperty("workflow").GetString(),
                changes,
                runId,
                createdAt,
                notBefore)
            {
                Reason = Enum.Parse<OrderReason>(order.GetProperty("reason").GetString()!),
            });
        }

        return new PlannedOrders(element.GetProperty("entityType").GetString()!, listed, counts, reasons) { SourceOf = identity => provisioning?.GetIdentitySource(identity) };
    }

    /// <summary>Reads an identity value, typed by its HR property when it has that type (the identity's own value of a correction may not).</summary>
    private static object? ReadOrderValue(JsonElement element, EntityProperty? source, bool redacted)
    {
        if (source is not null)
        {
            try
            {
                return SyncPlanJson.ReadValue(element, source, redacted);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException)
            {
                // Not of the HR property's type: read as JSON has it.
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => element.TryGetInt64(out var number) ? number : element.GetDecimal(),
            JsonValueKind.Array => Array.AsReadOnly(element.EnumerateArray().Select(item => ReadOrderValue(item, null, redacted)!).ToArray()),
            _ => throw new FormatException($"Unexpected JSON value of kind {element.ValueKind} in an order."),
        };
    }
}
