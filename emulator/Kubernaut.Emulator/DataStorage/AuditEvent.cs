using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>A validated AuditEventRequest: what a service asked DataStorage to store.</summary>
public sealed record AuditEventInput
{
    public required string Version { get; init; }
    public required string EventType { get; init; }
    public required DateTimeOffset EventTimestamp { get; init; }
    public required string EventCategory { get; init; }
    public required string EventAction { get; init; }
    public required string EventOutcome { get; init; }
    public required string CorrelationId { get; init; }

    /// <summary>The payload object, detached from the request document.</summary>
    public required JsonElement EventData { get; init; }

    public string? ActorType { get; init; }
    public string? ActorId { get; init; }
    public string? ActorIp { get; init; }
    public string? ResourceType { get; init; }
    public string? ResourceId { get; init; }
    public string? Namespace { get; init; }
    public string? ClusterId { get; init; }
    public string? Severity { get; init; }
    public long? DurationMs { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public Guid? ParentEventId { get; init; }
    public DateTimeOffset? ParentEventDate { get; init; }
    public int? RetentionDays { get; init; }
    public bool? IsSensitive { get; init; }
}

/// <summary>
/// An event as DataStorage persisted it: the request plus the server fields (id, partition date, retention, chain
/// hashes, legal hold). Its JSON form is rendered once at write time so queries only copy bytes.
/// </summary>
public sealed class StoredAuditEvent : IComparable<StoredAuditEvent>
{
    public const int DefaultRetentionDays = 2555;
    public const string HashAlgorithm = "sha256";

    private StoredAuditEvent(Guid eventId, AuditEventInput input, string previousEventHash)
    {
        EventId = eventId;
        EventIdText = eventId.ToString("D");
        Timestamp = TimeFormats.ToMicroseconds(input.EventTimestamp);
        Event = input;
        PreviousEventHash = previousEventHash;
        EventHash = ComputeHash(previousEventHash, EventIdText, Timestamp, input);
        Json = Render();
    }

    public Guid EventId { get; }

    /// <summary>The event as written, including event_data.</summary>
    public AuditEventInput Event { get; }

    /// <summary>event_timestamp in UTC, truncated to microseconds as PostgreSQL stores it.</summary>
    public DateTimeOffset Timestamp { get; }

    public string EventHash { get; }

    /// <summary>The hash of the previous event with the same correlation id; empty for the first one.</summary>
    public string PreviousEventHash { get; }

    public int RetentionDays => Event.RetentionDays ?? DefaultRetentionDays;

    public bool IsSensitive => Event.IsSensitive ?? false;

    /// <summary>The AuditEvent JSON object exactly as the query API returns it.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    internal string EventIdText { get; }

    internal static StoredAuditEvent Create(AuditEventInput input, string previousEventHash) =>
        new(Guid.NewGuid(), input, previousEventHash);

    /// <summary>Newest first is the reverse of this order: event_timestamp, then event_id (as PostgreSQL compares uuids).</summary>
    public int CompareTo(StoredAuditEvent? other)
    {
        if (other is null)
        {
            return 1;
        }
        var byTime = Timestamp.UtcTicks.CompareTo(other.Timestamp.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(EventIdText, other.EventIdText);
    }

    /// <summary>event_data-&gt;&gt;key as PostgreSQL renders it: strings unquoted, other values as JSON text, null when absent.</summary>
    internal string? DetailText(string key)
    {
        if (!Event.EventData.TryGetProperty(key, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    private static string ComputeHash(string previousHash, string eventId, DateTimeOffset timestamp, AuditEventInput input)
    {
        var content = string.Join('\n', previousHash, eventId, TimeFormats.FormatRfc3339(timestamp), input.EventType,
            input.EventCategory, input.EventAction, input.EventOutcome, input.CorrelationId, input.EventData.GetRawText());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private byte[] Render()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("event_id", EventIdText);
            json.WriteString("event_timestamp", TimeFormats.FormatRfc3339(Timestamp));
            json.WriteString("event_date", TimeFormats.FormatDate(Timestamp));
            json.WriteString("event_type", Event.EventType);
            json.WriteString("version", Event.Version);
            json.WriteString("event_category", Event.EventCategory);
            json.WriteString("event_action", Event.EventAction);
            json.WriteString("event_outcome", Event.EventOutcome);
            json.WriteString("correlation_id", Event.CorrelationId);
            WriteNullable(json, "parent_event_id", Event.ParentEventId?.ToString("D"));
            WriteNullable(json, "parent_event_date", Event.ParentEventDate is { } parentDate ? TimeFormats.FormatRfc3339(parentDate) : null);
            // The server struct tags these omitempty: absent or empty values are left out of the JSON.
            WriteOmitEmpty(json, "resource_type", Event.ResourceType);
            WriteOmitEmpty(json, "resource_id", Event.ResourceId);
            WriteOmitEmpty(json, "namespace", Event.Namespace);
            WriteOmitEmpty(json, "cluster_id", Event.ClusterId);
            WriteOmitEmpty(json, "severity", Event.Severity);
            if (Event.DurationMs is { } duration and not 0)
            {
                json.WriteNumber("duration_ms", duration);
            }
            WriteOmitEmpty(json, "error_code", Event.ErrorCode);
            WriteOmitEmpty(json, "error_message", Event.ErrorMessage);
            WriteOmitEmpty(json, "actor_id", Event.ActorId);
            WriteOmitEmpty(json, "actor_type", Event.ActorType);
            WriteOmitEmpty(json, "actor_ip", Event.ActorIp);
            json.WriteNumber("retention_days", RetentionDays);
            json.WriteBoolean("is_sensitive", IsSensitive);
            json.WriteString("event_hash", EventHash);
            json.WriteString("previous_event_hash", PreviousEventHash);
            json.WriteString("hash_algorithm", HashAlgorithm);
            json.WriteBoolean("legal_hold", false);
            json.WriteNull("legal_hold_reason");
            json.WriteNull("legal_hold_placed_by");
            json.WriteNull("legal_hold_placed_at");
            json.WritePropertyName("event_data");
            Event.EventData.WriteTo(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOmitEmpty(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
