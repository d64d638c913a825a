using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>NT-BUG-008 and NT-BUG-007: extra reconciles never repeat deliveries or audit, and retries wait for their backoff.</summary>
public sealed class NotificationReconcileGuardTests
{
    [Fact]
    public async Task Reconciles_after_completion_never_repeat_deliveries_audit_or_events()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("guarded", remediationRequest: "guarded");
        await harness.WaitForPhaseAsync("guarded", "Sent");
        await harness.ExpectControllerAuditAsync("guarded", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));

        for (var touch = 0; touch < 5; touch++)
        {
            harness.Store.Mutate(ResourceKinds.NotificationRequest, Namespace, "guarded", nr => nr["metadata"]!["labels"] = new JsonObject { ["touch"] = touch.ToString() });
        }
        await Eventually.Until(() => harness.ControllerLog().Count(l => l.Contains("Duplicate reconcile prevented", StringComparison.Ordinal) && l.Contains("guarded", StringComparison.Ordinal)),
            count => count >= 2, "reconciles of the completed generation to be skipped");

        await harness.ExpectControllerAuditAsync("guarded", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));
        Attempts(harness.Get("guarded")).Should().ContainSingle();
        var sentEvent = harness.KubernetesEvents("guarded").Single(e => (string?)e["reason"] == "NotificationSent");
        ObjectMeta.ReadInt64(sentEvent["count"]).Should().Be(1);
    }

    [Fact]
    public async Task A_retry_waits_for_its_backoff_on_the_controllers_clock()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await NotificationHarness.StartAsync(time: clock);
        harness.Store.Create(ResourceKinds.NotificationRequest, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "backoff", ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["type"] = "Simple", ["priority"] = "High", ["subject"] = "s", ["body"] = "b",
                ["extensions"] = new JsonObject { ["test-channel-set"] = "slack-failure" },
                ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 2, ["initialBackoffSeconds"] = 30, ["backoffMultiplier"] = 2, ["maxBackoffSeconds"] = 480 },
            },
        });
        await Eventually.Until(() => harness.Get("backoff"), nr => Attempts(nr).Count == 1, "the first attempt", describe: DescribeStatus);
        await Eventually.Until(() => harness.ControllerLog().Count(l => l.Contains("\"Retry scheduled\"", StringComparison.Ordinal)), count => count == 1, "the retry to be scheduled");

        clock.Advance(TimeSpan.FromSeconds(29));
        await Eventually.Stays(() => harness.Get("backoff"), nr => Attempts(nr).Count == 1, "no retry before the 30 s backoff (jitter only lengthens the first one)", TimeSpan.FromMilliseconds(300), DescribeStatus);
        clock.Advance(TimeSpan.FromSeconds(5));

        var nr = await harness.WaitForPhaseAsync("backoff", "Failed");
        Attempts(nr).Should().HaveCount(2);
    }
}
