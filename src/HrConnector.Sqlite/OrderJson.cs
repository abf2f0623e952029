using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HrConnector.Provisioning;

namespace HrConnector.Sqlite;

/// <summary>A <see cref="ProvisioningOrder"/> as JSON, its values in the typed encoding of <see cref="TypedValues"/>.</summary>
internal static class OrderJson
{
    public static string Write(ProvisioningOrder order)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", order.Id);
            writer.WriteString("connector", order.Connector);
            writer.WriteString("entityType", order.EntityType);
            writer.WriteString("resourceKey", order.ResourceKey);
            writer.WriteString("kind", order.Kind.ToString());
            WriteOptional(writer, "identityId", order.IdentityId);
            WriteOptional(writer, "workflow", order.Workflow);
            writer.WriteString("runId", order.RunId);
            writer.WriteString("createdAt", order.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            WriteOptional(writer, "notBefore", order.NotBefore?.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray("changes");
            foreach (var change in order.Changes)
            {
                writer.WriteStartObject();
                writer.WriteString("property", change.Property);
                writer.WritePropertyName("old");
                TypedValues.Write(writer, change.OldValue);
                writer.WritePropertyName("new");
                TypedValues.Write(writer, change.NewValue);
                writer.WriteString("policy", change.Policy.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ProvisioningOrder Read(string json)
    {
        string? id = null, connector = null, entityType = null, resourceKey = null, identityId = null, workflow = null, runId = null;
        var kind = OrderKind.Added;
        DateTimeOffset createdAt = default;
        DateTimeOffset? notBefore = null;
        var changes = new List<IdentityValueChange>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id": id = reader.GetString(); break;
                case "connector": connector = reader.GetString(); break;
                case "entityType": entityType = reader.GetString(); break;
                case "resourceKey": resourceKey = reader.GetString(); break;
                case "kind": kind = Enum.Parse<OrderKind>(reader.GetString()!); break;
                case "identityId": identityId = reader.GetString(); break;
                case "workflow": workflow = reader.GetString(); break;
                case "runId": runId = reader.GetString(); break;
                case "createdAt": createdAt = ParseTime(reader.GetString()!); break;
                case "notBefore": notBefore = ParseTime(reader.GetString()!); break;
                case "changes":
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        changes.Add(ReadChange(ref reader));
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        return new ProvisioningOrder(id!, connector!, entityType!, resourceKey!, kind, identityId, workflow, changes, runId!, createdAt, notBefore);
    }

    private static IdentityValueChange ReadChange(ref Utf8JsonReader reader)
    {
        string? property = null;
        object? oldValue = null, newValue = null;
        var policy = OwnershipPolicy.OnChange;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "property": property = reader.GetString(); break;
                case "old": oldValue = TypedValues.Read(ref reader); break;
                case "new": newValue = TypedValues.Read(ref reader); break;
                case "policy": policy = Enum.Parse<OwnershipPolicy>(reader.GetString()!); break;
                default: reader.Skip(); break;
            }
        }

        return new IdentityValueChange(property!, oldValue, newValue, policy);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
