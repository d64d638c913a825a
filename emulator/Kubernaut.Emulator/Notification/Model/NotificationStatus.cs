using System.Globalization;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Notification.Model;

/// <summary>Phase names, reasons and conditions of a NotificationRequest, as Kubernaut writes them.</summary>
internal static class NotificationPhases
{
    public const string Pending = "Pending";
    public const string Sending = "Sending";
    public const string Retrying = "Retrying";
    public const string Sent = "Sent";
    public const string PartiallySent = "PartiallySent";
    public const string Failed = "Failed";

    public static bool IsTerminal(string phase) => phase is Sent or PartiallySent or Failed;

    public const string AttemptSuccess = "success";
    public const string AttemptFailed = "failed";

    /// <summary>Prefix of a delivery attempt error that must not be retried (4xx, TLS validation, missing credential).</summary>
    public const string PermanentFailureMarker = "permanent failure";

    public const string ConditionReady = "Ready";
    public const string ConditionRoutingResolved = "RoutingResolved";
}

internal sealed record DeliveryAttempt(string Channel, int Attempt, DateTimeOffset Timestamp, string Status, string Error, double DurationSeconds)
{
    public bool Succeeded => Status == NotificationPhases.AttemptSuccess;

    public bool IsPermanentFailure => Status == NotificationPhases.AttemptFailed && Error.Contains(NotificationPhases.PermanentFailureMarker, StringComparison.Ordinal);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["channel"] = Channel,
            ["attempt"] = Attempt,
            ["timestamp"] = ObjectMeta.Timestamp(Timestamp),
            ["status"] = Status,
            ["durationSeconds"] = DurationSeconds,
        };
        if (Error.Length > 0)
        {
            json["error"] = Error;
        }
        return json;
    }

    public static DeliveryAttempt Parse(JsonObject json) => new(
        (string?)json["channel"] ?? "",
        (int)ObjectMeta.ReadInt64(json["attempt"]),
        ParseTime((string?)json["timestamp"]) ?? DateTimeOffset.MinValue,
        (string?)json["status"] ?? "",
        (string?)json["error"] ?? "",
        json["durationSeconds"] is JsonValue duration && double.TryParse(duration.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}

/// <summary>A metav1.Condition.</summary>
internal sealed record StatusCondition(string Type, string Status, string Reason, string Message, string LastTransitionTime, long ObservedGeneration)
{
    public JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["status"] = Status,
        ["reason"] = Reason,
        ["message"] = Message,
        ["lastTransitionTime"] = LastTransitionTime,
        ["observedGeneration"] = ObservedGeneration,
    };

    public static StatusCondition Parse(JsonObject json) => new(
        (string?)json["type"] ?? "",
        (string?)json["status"] ?? "",
        (string?)json["reason"] ?? "",
        (string?)json["message"] ?? "",
        (string?)json["lastTransitionTime"] ?? "",
        ObjectMeta.ReadInt64(json["observedGeneration"]));
}

/// <summary>NotificationRequest.status, read from and written back to the status subresource.</summary>
internal sealed class NotificationStatus
{
    public string Phase { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
    public List<DeliveryAttempt> DeliveryAttempts { get; } = [];
    public int TotalAttempts { get; set; }
    public int SuccessfulDeliveries { get; set; }
    public int FailedDeliveries { get; set; }
    public string? QueuedAt { get; set; }
    public string? ProcessingStartedAt { get; set; }
    public string? CompletionTime { get; set; }
    public long ObservedGeneration { get; set; }
    public List<StatusCondition> Conditions { get; } = [];

    public static NotificationStatus Parse(JsonNode? node)
    {
        var status = new NotificationStatus();
        if (node is not JsonObject json)
        {
            return status;
        }
        status.Phase = (string?)json["phase"] ?? "";
        status.Reason = (string?)json["reason"] ?? "";
        status.Message = (string?)json["message"] ?? "";
        status.TotalAttempts = (int)ObjectMeta.ReadInt64(json["totalAttempts"]);
        status.SuccessfulDeliveries = (int)ObjectMeta.ReadInt64(json["successfulDeliveries"]);
        status.FailedDeliveries = (int)ObjectMeta.ReadInt64(json["failedDeliveries"]);
        status.QueuedAt = (string?)json["queuedAt"];
        status.ProcessingStartedAt = (string?)json["processingStartedAt"];
        status.CompletionTime = (string?)json["completionTime"];
        status.ObservedGeneration = ObjectMeta.ReadInt64(json["observedGeneration"]);
        status.DeliveryAttempts.AddRange((json["deliveryAttempts"] as JsonArray ?? []).OfType<JsonObject>().Select(DeliveryAttempt.Parse));
        status.Conditions.AddRange((json["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(StatusCondition.Parse));
        return status;
    }

    /// <summary>
    /// Moves to <paramref name="phase"/> with its lifecycle timestamps (queuedAt on Pending, processingStartedAt on Sending,
    /// completionTime on a terminal phase). Staying in the same phase keeps reason and message, as Kubernaut's status manager does.
    /// </summary>
    public void TransitionTo(string phase, string reason, string message, DateTimeOffset now)
    {
        if (Phase == phase)
        {
            return;
        }
        Phase = phase;
        Reason = reason;
        Message = message;
        var timestamp = ObjectMeta.Timestamp(now);
        if (phase == NotificationPhases.Pending)
        {
            QueuedAt ??= timestamp;
        }
        if (phase == NotificationPhases.Sending)
        {
            ProcessingStartedAt ??= timestamp;
        }
        if (NotificationPhases.IsTerminal(phase))
        {
            CompletionTime = timestamp;
        }
    }

    /// <summary>Appends attempts and recounts successful/failed deliveries per unique channel (BR-NOT-051, DD-E2E-003).</summary>
    public void Record(IEnumerable<DeliveryAttempt> attempts)
    {
        foreach (var attempt in attempts)
        {
            DeliveryAttempts.Add(attempt);
            TotalAttempts++;
        }
        var succeeded = DeliveryAttempts.Where(a => a.Succeeded).Select(a => a.Channel).ToHashSet(StringComparer.Ordinal);
        SuccessfulDeliveries = succeeded.Count;
        FailedDeliveries = DeliveryAttempts.Where(a => !a.Succeeded && !succeeded.Contains(a.Channel)).Select(a => a.Channel).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>meta.SetStatusCondition: lastTransitionTime moves only when the condition's status changes.</summary>
    public void SetCondition(string type, bool status, string reason, string message, long generation, DateTimeOffset now)
    {
        var value = status ? "True" : "False";
        var index = Conditions.FindIndex(c => c.Type == type);
        var transition = index >= 0 && Conditions[index].Status == value ? Conditions[index].LastTransitionTime : ObjectMeta.Timestamp(now);
        var condition = new StatusCondition(type, value, reason, message, transition, generation);
        if (index >= 0)
        {
            Conditions[index] = condition;
        }
        else
        {
            Conditions.Add(condition);
        }
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["phase"] = Phase,
            ["deliveryAttempts"] = new JsonArray(DeliveryAttempts.Select(a => (JsonNode)a.ToJson()).ToArray()),
            ["totalAttempts"] = TotalAttempts,
            ["successfulDeliveries"] = SuccessfulDeliveries,
            ["failedDeliveries"] = FailedDeliveries,
            ["observedGeneration"] = ObservedGeneration,
        };
        SetIfPresent(json, "reason", Reason);
        SetIfPresent(json, "message", Message);
        SetIfPresent(json, "queuedAt", QueuedAt);
        SetIfPresent(json, "processingStartedAt", ProcessingStartedAt);
        SetIfPresent(json, "completionTime", CompletionTime);
        if (Conditions.Count > 0)
        {
            json["conditions"] = new JsonArray(Conditions.Select(c => (JsonNode)c.ToJson()).ToArray());
        }
        return json;
    }

    private static void SetIfPresent(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[name] = value;
        }
    }
}
