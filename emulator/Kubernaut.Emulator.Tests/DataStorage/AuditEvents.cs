using System.Text.Json.Nodes;
using Kubernaut.Emulator.DataStorage;

namespace Kubernaut.Emulator.Tests.DataStorage;

/// <summary>AuditEventRequest bodies shaped like the Notification controller's events.</summary>
internal static class AuditEvents
{
    public static string NewCorrelationId() => $"rr-{Guid.NewGuid():N}";

    public static JsonObject Sent(string correlationId, string notificationId, DateTimeOffset? at = null, string channel = "console") =>
        Event("notification.message.sent", "sent", "success", correlationId, notificationId, at, new JsonObject
        {
            ["channel"] = channel,
            ["body"] = "Node disk usage above 90%",
            ["type"] = "Simple",
        });

    public static JsonObject Failed(string correlationId, string notificationId, DateTimeOffset? at = null) =>
        Event("notification.message.failed", "sent", "failure", correlationId, notificationId, at, new JsonObject
        {
            ["channel"] = "slack:slack-failure",
            ["body"] = "Node disk usage above 90%",
            ["error_type"] = "transient",
            ["error"] = "webhook answered 503",
        });

    public static JsonObject Acknowledged(string correlationId, string notificationId, DateTimeOffset? at = null) =>
        Event("notification.message.acknowledged", "acknowledged", "success", correlationId, notificationId, at, []);

    /// <summary>A copy with <paramref name="field"/> set (a null node writes JSON null).</summary>
    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[field] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    /// <summary>A copy with event_data.<paramref name="field"/> set, or removed when <paramref name="value"/> is null.</summary>
    public static JsonObject WithData(this JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        var data = copy["event_data"]!.AsObject();
        if (value is null)
        {
            data.Remove(field);
        }
        else
        {
            data[field] = value;
        }
        return copy;
    }

    public static string Timestamp(DateTimeOffset at) => TimeFormats.FormatRfc3339(at);

    private static JsonObject Event(string type, string action, string outcome, string correlationId, string notificationId, DateTimeOffset? at, JsonObject payload)
    {
        var data = new JsonObject
        {
            ["event_type"] = type,
            ["notification_id"] = notificationId,
            ["subject"] = "Disk pressure on worker-1",
            ["priority"] = "Critical",
        };
        foreach (var (key, value) in payload)
        {
            data[key] = value?.DeepClone();
        }
        data["metadata"] = new JsonObject { ["remediationRequest"] = correlationId };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["event_type"] = type,
            ["event_timestamp"] = Timestamp(at ?? DateTimeOffset.UtcNow),
            ["event_category"] = "notification",
            ["event_action"] = action,
            ["event_outcome"] = outcome,
            ["actor_type"] = "service",
            ["actor_id"] = "notification-controller",
            ["resource_type"] = "NotificationRequest",
            ["resource_id"] = notificationId,
            ["correlation_id"] = correlationId,
            ["namespace"] = "default",
            ["event_data"] = data,
        };
    }
}
