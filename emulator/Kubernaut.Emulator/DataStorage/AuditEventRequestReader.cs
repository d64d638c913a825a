using System.Text.Json;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// Validates AuditEventRequest bodies with the constraints of DataStorage's OpenAPI contract (required fields,
/// lengths, enums, date-time and uuid formats, nullability, the event_data discriminator and the notification payload
/// schemas) plus the handler's own rule that parent_event_id and parent_event_date come together. Every error is
/// collected under its JSON field path so one response names all of them.
/// </summary>
internal static class AuditEventRequestReader
{
    public static readonly IReadOnlyList<string> EventCategories =
    [
        "gateway", "notification", "analysis", "aiagent", "signalprocessing", "workflow", "workflowexecution",
        "orchestration", "approval", "effectiveness", "actiontype", "apifrontend", "security", "agentsession",
    ];

    public static readonly IReadOnlyList<string> EventOutcomes = ["success", "failure", "pending"];

    private const string DateTimeExample = "an RFC 3339 date-time such as 2026-08-22T10:00:00Z";

    // The four notification payload schemas: which string fields each requires, and which it also allows.
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> NotificationPayloads = new(StringComparer.Ordinal)
    {
        ["notification.message.sent"] = (["notification_id", "channel", "subject", "body", "priority", "type"], []),
        ["notification.message.failed"] = (["notification_id", "channel", "subject", "body", "priority", "error_type"], ["error"]),
        ["notification.message.acknowledged"] = (["notification_id", "subject", "priority"], []),
        ["notification.message.escalated"] = (["notification_id", "subject", "priority", "reason"], []),
    };

    /// <summary>Reads one AuditEventRequest; null when it has errors (added to <paramref name="errors"/> under <paramref name="path"/>).</summary>
    public static AuditEventInput? Read(JsonElement element, string path, IDictionary<string, string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[path.Length == 0 ? "body" : path] = $"must be a JSON object (an AuditEventRequest), got {Describe(element)}";
            return null;
        }
        var fields = new Fields(element, path, errors);
        var before = errors.Count;

        var version = fields.RequiredString("version", 1, 20);
        var eventType = fields.RequiredString("event_type", 1, 100);
        var timestamp = fields.RequiredDateTime("event_timestamp");
        var category = fields.RequiredString("event_category", 1, 50, EventCategories);
        var action = fields.RequiredString("event_action", 1, 50);
        var outcome = fields.RequiredString("event_outcome", 0, int.MaxValue, EventOutcomes);
        var correlationId = fields.RequiredString("correlation_id", 1, 255);
        var eventData = fields.EventData();

        var input = new AuditEventInput
        {
            Version = version ?? "",
            EventType = eventType ?? "",
            EventTimestamp = timestamp ?? default,
            EventCategory = category ?? "",
            EventAction = action ?? "",
            EventOutcome = outcome ?? "",
            CorrelationId = correlationId ?? "",
            EventData = eventData ?? default,
            ActorType = fields.OptionalString("actor_type", nullable: false),
            ActorId = fields.OptionalString("actor_id", nullable: false),
            ActorIp = fields.OptionalString("actor_ip", nullable: false, maxLength: 45),
            ResourceType = fields.OptionalString("resource_type", nullable: false),
            ResourceId = fields.OptionalString("resource_id", nullable: false),
            Namespace = fields.OptionalString("namespace", nullable: true),
            ClusterId = fields.OptionalString("cluster_id", nullable: true),
            Severity = fields.OptionalString("severity", nullable: true),
            DurationMs = fields.OptionalInteger("duration_ms", long.MinValue, long.MaxValue),
            ErrorCode = fields.OptionalString("error_code", nullable: true),
            ErrorMessage = fields.OptionalString("error_message", nullable: true),
            ParentEventId = fields.OptionalUuid("parent_event_id"),
            ParentEventDate = fields.OptionalDateTime("parent_event_date"),
            RetentionDays = (int?)fields.OptionalInteger("retention_days", int.MinValue, int.MaxValue),
            IsSensitive = fields.OptionalBoolean("is_sensitive"),
        };
        var (hasParentId, hasParentDate) = (fields.IsSet("parent_event_id"), fields.IsSet("parent_event_date"));
        if (hasParentId && !hasParentDate)
        {
            fields.Error("parent_event_date", "is required when parent_event_id is set (it names the parent's partition); send the parent's event_timestamp");
        }
        if (!hasParentId && hasParentDate)
        {
            fields.Error("parent_event_id", "is required when parent_event_date is set; send both or neither");
        }
        return errors.Count == before ? input : null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static int Length(string value) => value.EnumerateRunes().Count();

    private sealed class Fields(JsonElement element, string path, IDictionary<string, string> errors)
    {
        public void Error(string field, string message) => errors[Path(field)] = message;

        public bool IsSet(string field) => element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

        public string? RequiredString(string field, int minLength, int maxLength, IReadOnlyList<string>? allowed = null)
        {
            if (!element.TryGetProperty(field, out var value))
            {
                Error(field, "is required");
                return null;
            }
            return CheckString(field, value, nullable: false, minLength, maxLength, allowed);
        }

        public string? OptionalString(string field, bool nullable, int maxLength = int.MaxValue) =>
            element.TryGetProperty(field, out var value) ? CheckString(field, value, nullable, 0, maxLength, null) : null;

        public DateTimeOffset? RequiredDateTime(string field)
        {
            var text = RequiredString(field, 0, int.MaxValue);
            return text is null ? null : ParseDateTime(field, text);
        }

        public DateTimeOffset? OptionalDateTime(string field)
        {
            var text = OptionalString(field, nullable: true);
            return text is null ? null : ParseDateTime(field, text);
        }

        public Guid? OptionalUuid(string field)
        {
            var text = OptionalString(field, nullable: true);
            if (text is null)
            {
                return null;
            }
            if (text.Length == 36 && Guid.TryParseExact(text, "D", out var id))
            {
                return id;
            }
            Error(field, $"must be a uuid such as 3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c41, got \"{text}\"");
            return null;
        }

        public long? OptionalInteger(string field, long min, long max)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
            {
                return number;
            }
            Error(field, $"must be an integer, got {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Describe(value))}");
            return null;
        }

        public bool? OptionalBoolean(string field)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
            Error(field, $"must be a boolean, got {Describe(value)}");
            return null;
        }

        /// <summary>event_data: an object whose event_type names its payload schema (the spec's discriminator).</summary>
        public JsonElement? EventData()
        {
            if (!element.TryGetProperty("event_data", out var data))
            {
                Error("event_data", "is required");
                return null;
            }
            if (data.ValueKind != JsonValueKind.Object)
            {
                Error("event_data", $"must be an object (the event's payload), got {Describe(data)}");
                return null;
            }
            if (!data.TryGetProperty("event_type", out var discriminator) || discriminator.ValueKind != JsonValueKind.String)
            {
                Error("event_data.event_type", "is required: event_data carries its event_type (the payload discriminator); set it to the event's event_type");
                return null;
            }
            var before = errors.Count;
            if (NotificationPayloads.TryGetValue(discriminator.GetString()!, out var payload))
            {
                CheckNotificationPayload(data, payload.Required, payload.Optional);
            }
            return errors.Count == before ? data.Clone() : null;
        }

        private void CheckNotificationPayload(JsonElement data, string[] required, string[] optional)
        {
            foreach (var field in required)
            {
                if (!data.TryGetProperty(field, out var value))
                {
                    Error($"event_data.{field}", "is required");
                }
                else if (value.ValueKind != JsonValueKind.String)
                {
                    Error($"event_data.{field}", $"must be a string, got {Describe(value)}");
                }
            }
            foreach (var field in optional)
            {
                if (data.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.String)
                {
                    Error($"event_data.{field}", $"must be a string, got {Describe(value)}");
                }
            }
            if (!data.TryGetProperty("metadata", out var metadata))
            {
                return;
            }
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                Error("event_data.metadata", $"must be an object of strings, got {Describe(metadata)}");
                return;
            }
            foreach (var entry in metadata.EnumerateObject().Where(entry => entry.Value.ValueKind != JsonValueKind.String))
            {
                Error($"event_data.metadata.{entry.Name}", $"must be a string, got {Describe(entry.Value)}");
            }
        }

        private string? CheckString(string field, JsonElement value, bool nullable, int minLength, int maxLength, IReadOnlyList<string>? allowed)
        {
            if (value.ValueKind == JsonValueKind.Null && nullable)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Error(field, $"must be a string, got {Describe(value)}");
                return null;
            }
            var text = value.GetString()!;
            var length = Length(text);
            if (length < minLength || length > maxLength)
            {
                Error(field, maxLength == int.MaxValue
                    ? $"must be at least {minLength} characters long"
                    : $"must be {minLength} to {maxLength} characters long, got {length}");
                return null;
            }
            if (allowed is not null && !allowed.Contains(text, StringComparer.Ordinal))
            {
                Error(field, $"must be one of {string.Join(", ", allowed)}; got \"{text}\"");
                return null;
            }
            return text;
        }

        private DateTimeOffset? ParseDateTime(string field, string text)
        {
            if (TimeFormats.TryParseRfc3339(text, out var parsed))
            {
                return parsed;
            }
            Error(field, $"must be {DateTimeExample}, got \"{text}\"");
            return null;
        }

        private string Path(string field) => path.Length == 0 ? field : $"{path}.{field}";
    }
}
