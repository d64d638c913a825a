using System.Text.Json.Nodes;
using Kubernaut.Emulator.DataStorage;

namespace Kubernaut.Emulator.Benchmarks.Query;

/// <summary>
/// Notification audit traffic of many remediations over a day: each event belongs to one remediation (correlation id
/// rr-&lt;n&gt;-&lt;suffix&gt;) and notification, with the controller's mix of sent, acknowledged, failed and escalated events.
/// Deterministic (fixed seed), so runs compare.
/// </summary>
internal sealed class Workload
{
    private static readonly (string Type, string Action, string Outcome, int Weight)[] Mix =
    [
        ("notification.message.sent", "sent", "success", 50),
        ("notification.message.acknowledged", "acknowledged", "success", 25),
        ("notification.message.failed", "sent", "failure", 15),
        ("notification.message.escalated", "escalated", "success", 10),
    ];

    private static readonly string[] Channels = ["console", "file", "log", "slack:slack-success", "pagerduty:pagerduty-success", "teams:teams-success"];

    private Workload(IReadOnlyList<JsonObject> events, IReadOnlyList<string> correlationIds, IReadOnlyDictionary<string, int> eventsPer)
    {
        Events = events;
        CorrelationIds = correlationIds;
        EventsPer = eventsPer;
    }

    public IReadOnlyList<JsonObject> Events { get; }

    /// <summary>Only ids that received at least one event.</summary>
    public IReadOnlyList<string> CorrelationIds { get; }

    public IReadOnlyDictionary<string, int> EventsPer { get; }

    public static Workload Generate(int count, int correlationIdCount)
    {
        var random = new Random(42);
        var ids = Enumerable.Range(0, correlationIdCount).Select(i => $"rr-{i:D6}-{random.Next(0x10000000):x7}").ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var step = TimeSpan.FromDays(1) / count;
        var eventsPer = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<JsonObject>(count);
        for (var i = 0; i < count; i++)
        {
            // Every id gets one event first, the rest land at random: sizes vary around count / ids.
            var correlationId = i < ids.Length ? ids[i] : ids[random.Next(ids.Length)];
            eventsPer[correlationId] = eventsPer.GetValueOrDefault(correlationId) + 1;
            events.Add(Event(random, correlationId, start + step * i));
        }
        return new Workload(events, [.. eventsPer.Keys], eventsPer);
    }

    private static JsonObject Event(Random random, string correlationId, DateTimeOffset at)
    {
        var (type, action, outcome, _) = Pick(random);
        var notification = $"{correlationId}-notification-{random.Next(1, 4)}";
        var data = new JsonObject
        {
            ["event_type"] = type,
            ["notification_id"] = notification,
            ["subject"] = "High memory usage on payment-api",
            ["priority"] = "High",
            ["metadata"] = new JsonObject { ["remediationRequest"] = correlationId, ["cluster"] = "kind-notification" },
        };
        switch (type)
        {
            case "notification.message.sent":
                data["channel"] = Channels[random.Next(Channels.Length)];
                data["body"] = "Container memory at 95% of its limit for 10 minutes.";
                data["type"] = "Escalation";
                break;
            case "notification.message.failed":
                data["channel"] = "slack:slack-failure";
                data["body"] = "Container memory at 95% of its limit for 10 minutes.";
                data["error_type"] = "transient";
                data["error"] = "slack webhook answered 503 Service Unavailable";
                break;
            case "notification.message.escalated":
                data["reason"] = "Escalated due to High priority";
                break;
        }
        return new JsonObject
        {
            ["version"] = "1.0",
            ["event_type"] = type,
            ["event_timestamp"] = TimeFormats.FormatRfc3339(at),
            ["event_category"] = "notification",
            ["event_action"] = action,
            ["event_outcome"] = outcome,
            ["actor_type"] = "service",
            ["actor_id"] = "notification-controller",
            ["resource_type"] = "NotificationRequest",
            ["resource_id"] = notification,
            ["correlation_id"] = correlationId,
            ["namespace"] = "notification-e2e",
            ["event_data"] = data,
        };
    }

    private static (string Type, string Action, string Outcome, int Weight) Pick(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var entry in Mix)
        {
            if (roll < entry.Weight)
            {
                return entry;
            }
            roll -= entry.Weight;
        }
        throw new InvalidOperationException("The event mix weights do not add up.");
    }
}
