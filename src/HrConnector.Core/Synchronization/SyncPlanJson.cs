using System.Globalization;
using System.Text;
using System.Text.Json;
using HrConnector.Mapping;
using HrConnector.Modeling;
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
            var redacted = plan.IsRedacted || (!includeSensitiveValues && plan.Model.EntityTypes.Any(e => e.Properties.Any(p => p.IsSensitive)));
            writer.WriteStartObject();
            writer.WriteString("connector", plan.Connector);
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
            // The sections the layers above attach (the job's provisioning orders).
            plan.WriteAttachments?.Invoke(writer, includeSensitiveValues && !plan.IsRedacted);

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static SyncPlan Read(string json, ConnectorModel connector)
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
            return new SyncPlan(
                connector,
                root.GetProperty("runId").GetString()!,
                root.GetProperty("baseRunId").GetString(),
                Enum.Parse<SynchronizationMode>(root.GetProperty("mode").GetString()!),
                root.GetProperty("createdAt").GetDateTimeOffset(),
                Enum.Parse<PlanStatus>(root.GetProperty("status").GetString()!),
                [.. root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)],
                entityTypes,
                redacted) { Basis = root.TryGetProperty("basis", out var basis) && basis.ValueKind == JsonValueKind.Object ? PlanBasis.Read(basis) : null };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new HrConnectorException($"The JSON is not a plan of the connector '{connector.Identifier}': {exception.Message}", exception);
        }
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

    internal static void WriteScalar(Utf8JsonWriter writer, object value)
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

    private static EntityTypePlan ReadEntityType(JsonElement element, ConnectorModel connector, bool redacted)
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
    internal static object? ReadValue(JsonElement element, EntityProperty property, bool redacted)
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
