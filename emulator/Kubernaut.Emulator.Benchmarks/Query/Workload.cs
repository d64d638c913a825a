using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Notification.Audit;
using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Benchmarks.Query;

/// <summary>
/// Notification audit traffic of many remediations over a day: each event belongs to one remediation (correlation id
/// rr-&lt;n&gt;-&lt;suffix&gt;) and notification, with the controller's mix of sent, acknowledged, failed and escalated events,
/// built by the controller's own audit code. Deterministic (fixed seed), so runs compare.
/// </summary>
internal sealed class Workload
{
    private static readonly (string Type, int Weight)[] Mix =
    [
        (NotificationNames.EventSent, 50),
        (NotificationNames.EventAcknowledged, 25),
        (NotificationNames.EventFailed, 15),
        (NotificationNames.EventEscalated, 10),
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
        var type = Pick(random);
        var notification = Notification(correlationId, random.Next(1, 4));
        return type switch
        {
            NotificationNames.EventSent => NotificationAuditEvents.MessageSent(notification, Channels[random.Next(Channels.Length)], at),
            NotificationNames.EventAcknowledged => NotificationAuditEvents.MessageAcknowledged(notification, at),
            NotificationNames.EventFailed => NotificationAuditEvents.MessageFailed(notification, "slack:slack-failure", "slack webhook answered 503 Service Unavailable", at),
            _ => NotificationAuditEvents.MessageEscalated(notification, at),
        };
    }

    /// <summary>The n-th NotificationRequest of a remediation, as the controller reads it.</summary>
    private static NotificationRequestView Notification(string correlationId, int index) => NotificationRequestView.Parse(new JsonObject
    {
        ["metadata"] = new JsonObject { ["name"] = $"{correlationId}-notification-{index}", ["namespace"] = KubernautFootprint.DefaultNamespace },
        ["spec"] = new JsonObject
        {
            ["type"] = "Escalation",
            ["priority"] = "High",
            ["subject"] = "High memory usage on payment-api",
            ["body"] = "Container memory at 95% of its limit for 10 minutes.",
            ["remediationRequestRef"] = new JsonObject { ["name"] = correlationId },
            ["context"] = new JsonObject { ["lineage"] = new JsonObject { ["remediationRequest"] = correlationId } },
            ["extensions"] = new JsonObject { ["cluster"] = "kind-notification" },
        },
    });

    private static string Pick(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (type, weight) in Mix)
        {
            if (roll < weight)
            {
                return type;
            }
            roll -= weight;
        }
        throw new InvalidOperationException("The event mix weights do not add up.");
    }
}
