using System.Globalization;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Notification.Audit;

/// <summary>
/// Builds the AuditEventRequests the Notification controller and the auth webhook send to DataStorage (FACTS §3.1), with
/// the OpenAPI payload of each event type in event_data, discriminator event_type included.
/// </summary>
internal static class NotificationAuditEvents
{
    public static JsonObject MessageSent(NotificationRequestView request, string channel, DateTimeOffset now) =>
        ControllerEvent(request, NotificationNames.EventSent, "sent", "success", now, new JsonObject
        {
            ["notification_id"] = request.Name,
            ["channel"] = channel,
            ["subject"] = request.Subject,
            ["body"] = request.Body,
            ["priority"] = request.Priority,
            ["type"] = request.Type,
        });

    /// <summary>event_action stays "sent" (the delivery was attempted); the outcome says it failed.</summary>
    public static JsonObject MessageFailed(NotificationRequestView request, string channel, string error, DateTimeOffset now) =>
        ControllerEvent(request, NotificationNames.EventFailed, "sent", "failure", now, new JsonObject
        {
            ["notification_id"] = request.Name,
            ["channel"] = channel,
            ["subject"] = request.Subject,
            ["body"] = request.Body,
            ["priority"] = request.Priority,
            ["error_type"] = "transient",
            ["error"] = error,
        });

    /// <summary>Emitted when the NotificationRequest reaches Sent (not a human acknowledgement).</summary>
    public static JsonObject MessageAcknowledged(NotificationRequestView request, DateTimeOffset now) =>
        ControllerEvent(request, NotificationNames.EventAcknowledged, "acknowledged", "success", now, new JsonObject
        {
            ["notification_id"] = request.Name,
            ["subject"] = request.Subject,
            ["priority"] = request.Priority,
        });

    /// <summary>Emitted when the NotificationRequest reaches Failed (not a priority escalation).</summary>
    public static JsonObject MessageEscalated(NotificationRequestView request, DateTimeOffset now) =>
        ControllerEvent(request, NotificationNames.EventEscalated, "escalated", "success", now, new JsonObject
        {
            ["notification_id"] = request.Name,
            ["subject"] = request.Subject,
            ["priority"] = request.Priority,
            ["reason"] = $"Escalated due to {request.Priority} priority",
        });

    /// <summary>The auth webhook's attribution of a NotificationRequest DELETE: actor is the deleting user, correlation id the NR name.</summary>
    public static JsonObject Cancelled(NotificationRequestView request, UserInfo user, DateTimeOffset now)
    {
        var data = new JsonObject
        {
            ["event_type"] = NotificationNames.EventCancelled,
            ["notification_id"] = request.Name,
            ["cancelled_by"] = user.Username,
            ["user_groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)JsonValue.Create(g)).ToArray()),
            ["action"] = "notification_cancelled",
        };
        SetIfPresent(data, "type", request.Type);
        SetIfPresent(data, "priority", request.Priority);
        var envelope = Envelope(NotificationNames.EventCancelled, "deleted", "success", "user", user.Username, "NotificationRequest", request.Uid, request.Name, request.Namespace, now);
        SetIfPresent(envelope, "cluster_id", request.ClusterId);
        envelope["event_data"] = data;
        return envelope;
    }

    private static JsonObject ControllerEvent(NotificationRequestView request, string eventType, string action, string outcome, DateTimeOffset now, JsonObject data)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in request.AuditMetadata.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            metadata[key] = value;
        }
        var eventData = new JsonObject { ["event_type"] = eventType };
        foreach (var (key, value) in data)
        {
            eventData[key] = value?.DeepClone();
        }
        if (metadata.Count > 0)
        {
            eventData["metadata"] = metadata;
        }
        var envelope = Envelope(eventType, action, outcome, "service", NotificationNames.Controller, "NotificationRequest", request.Name, request.CorrelationId, request.Namespace, now);
        SetIfPresent(envelope, "cluster_id", request.ClusterId);
        envelope["event_data"] = eventData;
        return envelope;
    }

    private static JsonObject Envelope(string eventType, string action, string outcome, string actorType, string actorId, string resourceType, string resourceId, string correlationId, string @namespace, DateTimeOffset now) => new()
    {
        ["version"] = "1.0",
        ["event_type"] = eventType,
        ["event_timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["event_category"] = NotificationNames.AuditCategory,
        ["event_action"] = action,
        ["event_outcome"] = outcome,
        ["actor_type"] = actorType,
        ["actor_id"] = actorId,
        ["resource_type"] = resourceType,
        ["resource_id"] = resourceId,
        ["correlation_id"] = correlationId,
        ["namespace"] = @namespace,
    };

    private static void SetIfPresent(JsonObject json, string name, string value)
    {
        if (value.Length > 0)
        {
            json[name] = value;
        }
    }
}
