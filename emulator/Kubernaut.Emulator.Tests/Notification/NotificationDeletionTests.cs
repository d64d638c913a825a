using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.JsonAssert;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>The auth webhook's attribution of NotificationRequest deletions (webhook.notification.cancelled).</summary>
public sealed class NotificationDeletionTests
{
    [Fact]
    public async Task Deleting_a_notification_records_who_cancelled_it()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var created = harness.Create("to-cancel", type: "Escalation", priority: "High", remediationRequest: "rr-cancel");
        await harness.WaitForPhaseAsync("to-cancel", "Sent");

        harness.Store.Delete(ResourceKinds.NotificationRequest, Namespace, "to-cancel", new UserInfo("alice@example.com", ["sre", "system:authenticated"]));

        var cancelled = await Eventually.Until(() => harness.DataStorage.EventsFor("to-cancel"), events => events.Count == 1, "one webhook.notification.cancelled event", describe: DescribeAudit);
        var auditEvent = (JsonObject)cancelled[0].DeepClone();
        auditEvent.Remove("event_timestamp");
        ShouldEqualJson(auditEvent, new JsonObject
        {
            ["version"] = "1.0",
            ["event_type"] = "webhook.notification.cancelled",
            ["event_category"] = "notification",
            ["event_action"] = "deleted",
            ["event_outcome"] = "success",
            ["actor_type"] = "user",
            ["actor_id"] = "alice@example.com",
            ["resource_type"] = "NotificationRequest",
            ["resource_id"] = (string)created["metadata"]!["uid"]!,
            ["correlation_id"] = "to-cancel",
            ["namespace"] = Namespace,
            ["event_data"] = new JsonObject
            {
                ["event_type"] = "webhook.notification.cancelled",
                ["notification_id"] = "to-cancel",
                ["cancelled_by"] = "alice@example.com",
                ["user_groups"] = new JsonArray("sre", "system:authenticated"),
                ["action"] = "notification_cancelled",
                ["type"] = "Escalation",
                ["priority"] = "High",
            },
        });
        harness.DataStorage.Requests().Should().Contain(r => r.BearerToken == harness.Tokens.TokenOf(Namespace, NotificationNames.AuthWebhook),
            "the webhook writes with its own ServiceAccount");
        await Eventually.Stays(() => harness.DataStorage.EventsFor("to-cancel"), events => events.Count == 1, "exactly one cancellation", SettleWindow, DescribeAudit);
        await harness.ExpectControllerAuditAsync("rr-cancel", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));
    }
}
