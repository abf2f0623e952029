using System.Globalization;
using System.Text;
using System.Text.Json;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Csv;

namespace HrConnector.Synchronization;

/// <summary>
/// Writes and reads plans as JSON with <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/>: values are typed
/// by the connector's model (dates as <c>yyyy-MM-dd</c>, date-times in ISO 8601, decimals as JSON numbers), and the
/// values of sensitive properties are replaced by <c>"***"</c> unless the host asks for them.
/// </summary>
internal static class SyncPlanJson
{
    private const string Redacted = EntityProperty.RedactedValue;

    public static string Write(SyncPlan plan, bool includeSensitiveValues)
    {
        using var stream = new MemoryStream();
        // Relaxed escaping keeps names such as Zoé or Weiß readable for reviewers; the JSON is never embedded in HTML.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var redacted = plan.IsRedacted || (!includeSensitiveValues && plan.Connector.EntityTypes.Any(e => e.Properties.Any(p => p.IsSensitive)));
            writer.WriteStartObject();
            writer.WriteString("connector", plan.Connector.Identifier);
            writer.WriteString("runId", plan.RunId);
            writer.WriteString("baseRunId", plan.BaseRunId);
            writer.WriteString("mode", plan.Mode.ToString());
            writer.WriteString("createdAt", plan.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("status", plan.Status.ToString());
            writer.WriteBoolean("redacted", redacted);
            plan.Basis?.Write(writer);
            writer.WriteStartArray("reasons");
            foreach (var reason in plan.Reasons)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("summary");
            writer.WriteNumber("inserts", plan.InsertCount);
            writer.WriteNumber("updates", plan.UpdateCount);
            writer.WriteNumber("deletes", plan.DeleteCount);
            writer.WriteNumber("unchanged", plan.UnchangedCount);
            writer.WriteNumber("rejects", plan.RejectCount);
            writer.WriteEndObject();
            writer.WriteStartArray("entityTypes");
            foreach (var entityType in plan.EntityTypes)
            {
                WriteEntityType(writer, entityType, includeSensitiveValues && !plan.IsRedacted);
            }

            writer.WriteEndArray();
            if (plan.Orders is { } orders)
            {
                WriteOrders(writer, plan.Connector, orders, includeSensitiveValues && !plan.IsRedacted);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static SyncPlan Read(string json, Connector connector)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(connector);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var name = root.GetProperty("connector").GetString();
            if (!string.Equals(name, connector.Identifier, StringComparison.OrdinalIgnoreCase))
            {
                throw new HrConnectorException($"The plan is for the connector '{name}', not '{connector.Identifier}'.");
            }

            var redacted = root.GetProperty("redacted").GetBoolean();
            var entityTypes = root.GetProperty("entityTypes").EnumerateArray().Select(e => ReadEntityType(e, connector, redacted)).ToList();
            var runId = root.GetProperty("runId").GetString()!;
            var createdAt = root.GetProperty("createdAt").GetDateTimeOffset();

            // Plans written before orders were planned have none.
            var orders = root.TryGetProperty("provisioning", out var provisioning) && provisioning.ValueKind == JsonValueKind.Object
                ? ReadOrders(provisioning, connector, runId, createdAt, redacted)
                : null;
            return new SyncPlan(
                connector,
                root.GetProperty("runId").GetString()!,
                root.GetProperty("baseRunId").GetString(),
                Enum.Parse<SynchronizationMode>(root.GetProperty("mode").GetString()!),
                root.GetProperty("createdAt").GetDateTimeOffset(),
                Enum.Parse<PlanStatus>(root.GetProperty("status").GetString()!),
                [.. root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)],
                entityTypes,
                redacted) { Orders = orders, Basis = root.TryGetProperty("basis", out var basis) && basis.ValueKind == JsonValueKind.Object ? Jobs.PlanBasis.Read(basis) : null };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new HrConnectorException($"The JSON is not a plan of the connector '{connector.Identifier}': {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The provisioning orders: counts per kind (every kind) and per reason, then each listed order with its changes. A
    /// value is sensitive when the change says so or the HR property the identity property is fed from is.
    /// </summary>
    private static void WriteOrders(Utf8JsonWriter writer, Connector connector, PlannedOrders orders, bool includeSensitiveValues)
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
                var hidden = !includeSensitiveValues && (change.IsSensitive || SourceOf(connector, change.Property) is { IsSensitive: true });
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

    /// <summary>The HR property an identity property is fed from (for a contract's, its stand-in), or <see langword="null"/>.</summary>
    private static EntityProperty? SourceOf(Connector connector, string identityProperty)
        => connector.Provisioning?.Properties.FirstOrDefault(p => string.Equals(p.Identity, identityProperty, StringComparison.OrdinalIgnoreCase))?.Source;

    /// <summary>An identity value: the identity's own value of a correction can be of any type the repository keeps.</summary>
    private static void WriteOrderValue(Utf8JsonWriter writer, object? value, bool hidden)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case not null when hidden:
                writer.WriteStringValue(Redacted);
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
            case string or int or long or decimal or bool or DateOnly or DateTime or Guid: WriteScalar(writer, value); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static PlannedOrders ReadOrders(JsonElement element, Connector connector, string runId, DateTimeOffset createdAt, bool redacted)
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
                var source = SourceOf(connector, property);
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
                connector.Identifier,
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

        return new PlannedOrders(element.GetProperty("entityType").GetString()!, listed, counts, reasons);
    }

    /// <summary>Reads an identity value, typed by its HR property when it has that type (the identity's own value of a correction may not).</summary>
    private static object? ReadOrderValue(JsonElement element, EntityProperty? source, bool redacted)
    {
        if (source is not null)
        {
            try
            {
                return ReadValue(element, source, redacted);
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

    private static void WriteEntityType(Utf8JsonWriter writer, EntityTypePlan plan, bool includeSensitiveValues)
    {
        writer.WriteStartObject();
        writer.WriteString("entityType", plan.EntityType.Identifier);
        writer.WriteString("schema", plan.Schema);
        writer.WriteBoolean("replaceAll", plan.ReplaceAll);
        writer.WriteNumber("storedCount", plan.StoredCount);
        writer.WriteNumber("rowCount", plan.RowCount);
        writer.WriteNumber("unchanged", plan.UnchangedCount);
        writer.WriteStartArray("kept");
        foreach (var key in plan.KeptKeys)
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
        foreach (var (name, changes) in new[] { ("inserts", plan.Inserts), ("updates", plan.Updates), ("deletes", plan.Deletes) })
        {
            writer.WriteStartArray(name);
            foreach (var change in changes)
            {
                WriteChange(writer, change, includeSensitiveValues);
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray("rejects");
        foreach (var reject in plan.Rejects)
        {
            writer.WriteStartObject();
            writer.WriteString("file", reject.File);
            writer.WriteNumber("line", reject.Line);
            writer.WriteString("column", reject.Column);
            writer.WriteString("reason", reject.Reason.ToString());
            writer.WriteString("message", reject.Message);
            writer.WriteString("key", reject.Key);
            writer.WriteString("value", reject.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("danglingReferences");
        foreach (var dangling in plan.DanglingReferences)
        {
            writer.WriteStartObject();
            writer.WriteString("key", dangling.Key);
            writer.WriteNumber("line", dangling.Line);
            writer.WriteString("property", dangling.Property);
            writer.WriteString("targetEntityType", dangling.TargetEntityType);
            writer.WriteString("targetKey", dangling.TargetKey);
            writer.WriteString("resolution", dangling.Resolution.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("breaches");
        foreach (var breach in plan.Breaches)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", breach.Kind.ToString());
            writer.WriteNumber("count", breach.Count);
            writer.WriteNumber("limit", breach.Limit);
            writer.WriteString("setting", breach.Setting);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteChange(Utf8JsonWriter writer, ResourceChange change, bool includeSensitiveValues)
    {
        writer.WriteStartObject();
        writer.WriteString("key", change.Key);
        writer.WriteNumber("line", change.Line);
        writer.WriteStartArray("changes");
        foreach (var property in change.Changes)
        {
            writer.WriteStartObject();
            writer.WriteString("property", property.Property.Identifier);
            writer.WritePropertyName("old");
            WriteValue(writer, property.Property, property.OldValue, includeSensitiveValues);
            writer.WritePropertyName("new");
            WriteValue(writer, property.Property, property.NewValue, includeSensitiveValues);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (change.NewResource is { } resource)
        {
            writer.WriteStartObject("values");
            foreach (var property in resource.EntityType.Properties)
            {
                if (resource.GetValue(property) is { } value)
                {
                    writer.WritePropertyName(property.Identifier);
                    WriteValue(writer, property, value, includeSensitiveValues);
                }
                else if (change.RedactedProperties?.Contains(property.Identifier) == true)
                {
                    writer.WriteString(property.Identifier, Redacted);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, EntityProperty property, object? value, bool includeSensitiveValues)
    {
        // The one redaction rule (EntityProperty.Redact) is shared with the tool's HTML review.
        value = includeSensitiveValues ? value : property.Redact(value);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (value is IReadOnlyList<object> many)
        {
            writer.WriteStartArray();
            foreach (var item in many)
            {
                WriteScalar(writer, item);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteScalar(writer, value);
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text: writer.WriteStringValue(text); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime dateTime: writer.WriteStringValue(dateTime.ToString("O", CultureInfo.InvariantCulture)); break;
            case Guid guid: writer.WriteStringValue(guid); break;
            default: throw new InvalidOperationException($"Unexpected value type {value.GetType().Name}.");
        }
    }

    private static EntityTypePlan ReadEntityType(JsonElement element, Connector connector, bool redacted)
    {
        var entityType = connector.GetEntityType(element.GetProperty("entityType").GetString()!);
        var schema = element.GetProperty("schema").GetString()!;
        if (!string.Equals(ResourceSchema.Split(schema).Properties, ResourceSchema.Of(entityType).Text, StringComparison.Ordinal))
        {
            throw new HrConnectorException($"The plan was computed for another model of '{entityType.Identifier}' (its properties changed since); compute it again.");
        }

        List<ResourceChange> Changes(string name, ChangeKind kind) => [.. element.GetProperty(name).EnumerateArray().Select(c => ReadChange(c, entityType, kind, redacted))];
        var file = string.Empty;
        var rejects = element.GetProperty("rejects").EnumerateArray().Select(r => new Reject(
            entityType.Identifier,
            r.GetProperty("file").GetString() ?? file,
            r.GetProperty("line").GetInt64(),
            r.GetProperty("column").GetString(),
            Enum.Parse<RejectReason>(r.GetProperty("reason").GetString()!),
            r.GetProperty("message").GetString()!,
            r.GetProperty("key").GetString(),
            r.GetProperty("value").GetString())).ToList();
        var dangling = element.GetProperty("danglingReferences").EnumerateArray().Select(d => new DanglingReference(
            entityType.Identifier,
            d.GetProperty("key").GetString()!,
            d.GetProperty("line").GetInt64(),
            d.GetProperty("property").GetString()!,
            d.GetProperty("targetEntityType").GetString()!,
            d.GetProperty("targetKey").GetString()!,
            Enum.Parse<DanglingReferencePolicy>(d.GetProperty("resolution").GetString()!))).ToList();
        var breaches = element.GetProperty("breaches").EnumerateArray().Select(b => new ThresholdBreach(
            entityType.Identifier,
            Enum.Parse<ChangeKind>(b.GetProperty("kind").GetString()!),
            b.GetProperty("count").GetInt64(),
            b.GetProperty("limit").GetInt64(),
            b.GetProperty("setting").GetString()!)).ToList();
        return new EntityTypePlan(
            entityType,
            schema,
            element.GetProperty("replaceAll").GetBoolean(),
            element.GetProperty("storedCount").GetInt64(),
            element.GetProperty("rowCount").GetInt64(),
            Changes("inserts", ChangeKind.Insert),
            Changes("updates", ChangeKind.Update),
            Changes("deletes", ChangeKind.Delete),
            element.GetProperty("unchanged").GetInt64(),
            [.. element.GetProperty("kept").EnumerateArray().Select(k => k.GetString()!)],
            rejects,
            dangling,
            breaches,
            fullState: null);
    }

    private static ResourceChange ReadChange(JsonElement element, EntityType entityType, ChangeKind kind, bool redacted)
    {
        var key = element.GetProperty("key").GetString()!;
        var line = element.GetProperty("line").GetInt64();
        var changes = element.GetProperty("changes").EnumerateArray().Select(c =>
        {
            var property = entityType.GetProperty(c.GetProperty("property").GetString()!);
            return new PropertyChange(property, ReadValue(c.GetProperty("old"), property, redacted), ReadValue(c.GetProperty("new"), property, redacted));
        }).ToList();
        Resource? resource = null;
        HashSet<string>? hidden = null;
        if (element.TryGetProperty("values", out var values))
        {
            var decoded = new object?[entityType.Properties.Count];
            foreach (var value in values.EnumerateObject())
            {
                var property = entityType.GetProperty(value.Name);
                if (IsRedacted(value.Value, property, redacted))
                {
                    (hidden ??= new(StringComparer.OrdinalIgnoreCase)).Add(property.Identifier);
                    continue;
                }

                decoded[property.Index] = ReadValue(value.Value, property, redacted);
            }

            resource = new Resource(entityType, key, ResourcePayload.Encode(entityType, decoded), line);
        }

        return new ResourceChange(kind, key, line, changes, resource) { RedactedProperties = hidden };
    }

    /// <summary>Reads a value; a redacted one stays the <c>"***"</c> marker, so that the plan writes back as it was read.</summary>
    private static object? ReadValue(JsonElement element, EntityProperty property, bool redacted)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (IsRedacted(element, property, redacted))
        {
            return Redacted;
        }

        return element.ValueKind == JsonValueKind.Array
            ? Array.AsReadOnly(element.EnumerateArray().Select(item => ReadScalar(item, property.Type)).ToArray())
            : ReadScalar(element, property.Type);
    }

    private static bool IsRedacted(JsonElement element, EntityProperty property, bool redacted)
        => redacted && property.IsSensitive && element.ValueKind == JsonValueKind.String && element.GetString() == Redacted;

    private static object ReadScalar(JsonElement element, PropertyType type) => type switch
    {
        PropertyType.String => element.GetString()!,
        PropertyType.Int32 => element.GetInt32(),
        PropertyType.Int64 => element.GetInt64(),
        PropertyType.Decimal => element.GetDecimal(),
        PropertyType.Boolean => element.GetBoolean(),
        PropertyType.Date => DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        PropertyType.DateTime => DateTime.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        PropertyType.Guid => element.GetGuid(),
        _ => throw new FormatException($"Unknown property type {type}."),
    };
}
