using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Notification.Receivers;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.JsonAssert;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>Phases, reasons, delivery attempts and the exact audit trail per case (FACTS §4.2, §10).</summary>
public sealed class NotificationLifecycleTests
{
    [Fact]
    public async Task Single_channel_success_is_Sent_with_one_attempt_and_exactly_one_sent_and_one_acknowledged_event()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("e2e-lifecycle-test", remediationRequest: "e2e-remediation-1", extensions: new Dictionary<string, string> { ["cluster"] = "test-cluster" }, clusterId: "cluster-a");

        var nr = await harness.WaitForPhaseAsync("e2e-lifecycle-test", "Sent");

        var status = nr["status"]!;
        ((string?)status["reason"]).Should().Be("AllDeliveriesSucceeded");
        ((string?)status["message"]).Should().Be("Successfully delivered to 1 channel(s)");
        ((int)status["totalAttempts"]!).Should().Be(1);
        ((int)status["successfulDeliveries"]!).Should().Be(1);
        ((int)status["failedDeliveries"]!).Should().Be(0);
        ((long)status["observedGeneration"]!).Should().Be(1);
        var attempt = Attempts(nr).Single()!;
        ((string?)attempt["channel"]).Should().Be("console");
        ((string?)attempt["status"]).Should().Be("success");
        ((int)attempt["attempt"]!).Should().Be(1);
        ((double)attempt["durationSeconds"]!).Should().BeGreaterThanOrEqualTo(0);
        var queued = DateTimeOffset.Parse((string)status["queuedAt"]!);
        var started = DateTimeOffset.Parse((string)status["processingStartedAt"]!);
        var completed = DateTimeOffset.Parse((string)status["completionTime"]!);
        queued.Should().BeOnOrBefore(started);
        started.Should().BeOnOrBefore(completed);
        ((string?)Condition(nr, "Ready")["status"]).Should().Be("True");
        ((string?)Condition(nr, "Ready")["reason"]).Should().Be("Ready");
        ((string?)Condition(nr, "Ready")["message"]).Should().Be("Notification delivered");

        var audit = await harness.ExpectControllerAuditAsync("e2e-remediation-1", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));
        var sent = audit.Single(e => (string?)e["event_type"] == NotificationNames.EventSent);
        ShouldEqualJson(sent, new JsonObject
        {
            ["version"] = "1.0",
            ["event_type"] = NotificationNames.EventSent,
            ["event_timestamp"] = sent["event_timestamp"]!.DeepClone(),
            ["event_category"] = "notification",
            ["event_action"] = "sent",
            ["event_outcome"] = "success",
            ["actor_type"] = "service",
            ["actor_id"] = "notification-controller",
            ["resource_type"] = "NotificationRequest",
            ["resource_id"] = "e2e-lifecycle-test",
            ["correlation_id"] = "e2e-remediation-1",
            ["namespace"] = Namespace,
            ["cluster_id"] = "cluster-a",
            ["event_data"] = new JsonObject
            {
                ["event_type"] = NotificationNames.EventSent,
                ["notification_id"] = "e2e-lifecycle-test",
                ["channel"] = "console",
                ["subject"] = "Test notification e2e-lifecycle-test",
                ["body"] = "Pod payment-api restarted 5 times",
                ["priority"] = "Critical",
                ["type"] = "Simple",
                ["metadata"] = new JsonObject { ["cluster"] = "test-cluster", ["remediationRequest"] = "e2e-remediation-1" },
            },
        });
        var acknowledged = audit.Single(e => (string?)e["event_type"] == NotificationNames.EventAcknowledged);
        ((string?)acknowledged["event_action"]).Should().Be("acknowledged");
        ((string?)acknowledged["event_data"]!["notification_id"]).Should().Be("e2e-lifecycle-test");
        DateTimeOffset.Parse((string)acknowledged["event_timestamp"]!).Should().BeOnOrAfter(DateTimeOffset.Parse((string)sent["event_timestamp"]!));
    }

    [Fact]
    public async Task Without_a_remediation_request_the_audit_correlation_id_is_the_notification_uid()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var created = harness.Create("uncorrelated");

        await harness.WaitForPhaseAsync("uncorrelated", "Sent");

        await harness.ExpectControllerAuditAsync((string)created["metadata"]!["uid"]!, (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));
    }

    [Fact]
    public async Task Three_notifications_of_one_remediation_produce_exactly_six_correlated_events()
    {
        await using var harness = await NotificationHarness.StartAsync();
        foreach (var (index, priority) in new[] { (1, "Low"), (2, "Medium"), (3, "High") })
        {
            harness.Create($"remediation-x-notification-{index}", priority: priority, remediationRequest: "remediation-x");
        }

        var audit = await harness.ExpectControllerAuditAsync("remediation-x", (NotificationNames.EventSent, 3), (NotificationNames.EventAcknowledged, 3));

        audit.GroupBy(e => (string?)e["event_data"]!["notification_id"]).Should().HaveCount(3)
            .And.OnlyContain(group => group.Count() == 2 && group.Select(e => (string?)e["event_type"]).Distinct().Count() == 2);
    }

    [Fact]
    public async Task Failing_slack_with_one_attempt_is_Failed_with_one_failed_and_one_escalated_event()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("e2e-failed-delivery", channelSet: "slack-failure", maxAttempts: 1, remediationRequest: "e2e-failed-remediation");

        var nr = await harness.WaitForPhaseAsync("e2e-failed-delivery", "Failed");

        ((string?)nr["status"]!["reason"]).Should().Be("MaxRetriesExhausted");
        ((string?)nr["status"]!["message"]).Should().Be("All delivery attempts failed or exhausted retries");
        ((string?)Condition(nr, "Ready")["status"]).Should().Be("False");
        ((string?)Condition(nr, "Ready")["reason"]).Should().Be("NotReady");
        var attempt = Attempts(nr).Single()!;
        ((string?)attempt["channel"]).Should().Be("slack:slack-failure");
        ((string?)attempt["status"]).Should().Be("failed");
        ((string?)attempt["error"]).Should().StartWith("slack webhook returned 503 (retryable)");
        var audit = await harness.ExpectControllerAuditAsync("e2e-failed-remediation", (NotificationNames.EventFailed, 1), (NotificationNames.EventEscalated, 1));
        var failed = audit.Single(e => (string?)e["event_type"] == NotificationNames.EventFailed);
        ((string?)failed["event_action"]).Should().Be("sent");
        ((string?)failed["event_outcome"]).Should().Be("failure");
        ((string?)failed["resource_id"]).Should().Be("e2e-failed-delivery");
        var data = failed["event_data"]!;
        ((string?)data["channel"]).Should().Be("slack:slack-failure");
        ((string?)data["error_type"]).Should().Be("transient");
        ((string?)data["error"]).Should().Contain("503");
        ((string?)data["priority"]).Should().Be("Critical");
        ((string?)data["metadata"]!["remediationRequest"]).Should().Be("e2e-failed-remediation");
        var escalated = audit.Single(e => (string?)e["event_type"] == NotificationNames.EventEscalated);
        ((string?)escalated["event_data"]!["reason"]).Should().Be("Escalated due to Critical priority");
        harness.Controller.Receivers.Received(MockReceivers.HttpReceiver, "/webhook/fail").Should().ContainSingle()
            .Which.Body.Should().Contain("\"blocks\"").And.Contain("Test notification e2e-failed-delivery");
    }

    [Fact]
    public async Task Console_and_failing_slack_with_one_attempt_is_PartiallySent_with_exactly_one_sent_and_one_failed_event()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("e2e-partial-failure", channelSet: "console-slack-failure", maxAttempts: 1, remediationRequest: "e2e-partial");

        var nr = await harness.WaitForPhaseAsync("e2e-partial-failure", "PartiallySent");

        ((string?)nr["status"]!["reason"]).Should().Be("PartialDeliverySuccess");
        ((string?)nr["status"]!["message"]).Should().Be("Delivered to 1/2 channel(s), others failed");
        ((string?)Condition(nr, "Ready")["status"]).Should().Be("True");
        Attempts(nr).Select(a => ((string?)a!["channel"], (string?)a["status"])).Should().BeEquivalentTo(new[] { ("slack:console-slack-failure", "failed"), ("console", "success") });
        var audit = await harness.ExpectControllerAuditAsync("e2e-partial", (NotificationNames.EventSent, 1), (NotificationNames.EventFailed, 1));
        ((string?)audit.Single(e => (string?)e["event_type"] == NotificationNames.EventFailed)["event_data"]!["channel"]).Should().Be("slack:console-slack-failure");
        ((string?)audit.Single(e => (string?)e["event_type"] == NotificationNames.EventSent)["event_data"]!["channel"]).Should().Be("console");
        harness.KubernetesEvents("e2e-partial-failure").Should().Contain(e => (string?)e["reason"] == "NotificationPartiallySent");
    }

    [Fact]
    public async Task Partial_failure_is_Retrying_while_attempts_remain_and_PartiallySent_once_they_are_exhausted()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("e2e-retrying", channelSet: "console-slack-failure", maxAttempts: 3, remediationRequest: "e2e-retrying");

        var retrying = await Eventually.Until(() => harness.Get("e2e-retrying"), nr => Phase(nr) is "Retrying" or "PartiallySent", "phase Retrying", describe: DescribeStatus);
        Phase(retrying).Should().Be("Retrying", "DD-E2E-003: Retrying precedes PartiallySent while retries remain");
        ((string?)retrying["status"]!["reason"]).Should().Be("PartialFailureRetrying");
        ((string?)retrying["status"]!["message"]).Should().MatchRegex(@"^Delivered to 1/2 channel\(s\), retrying failed channels with backoff 1(\.\d+)?s$");

        var nr = await harness.WaitForPhaseAsync("e2e-retrying", "PartiallySent", TimeSpan.FromSeconds(20));

        Attempts(nr).Where(a => (string?)a!["channel"] == "slack:console-slack-failure").Select(a => (int)a!["attempt"]!).Should().Equal(1, 2, 3);
        Attempts(nr).Where(a => (string?)a!["channel"] == "console").Should().ContainSingle("a delivered channel is never retried");
        ((int)nr["status"]!["totalAttempts"]!).Should().Be(4);
        ((int)nr["status"]!["successfulDeliveries"]!).Should().Be(1);
        ((int)nr["status"]!["failedDeliveries"]!).Should().Be(1);
        await harness.ExpectControllerAuditAsync("e2e-retrying", (NotificationNames.EventSent, 1), (NotificationNames.EventFailed, 3));
        harness.KubernetesEvents("e2e-retrying").Should().Contain(e => (string?)e["reason"] == "NotificationRetrying");
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_backoff_until_its_attempts_are_exhausted()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("retry-exhaustion", channelSet: "slack-failure", maxAttempts: 3, remediationRequest: "retry-exhaustion");

        var nr = await harness.WaitForPhaseAsync("retry-exhaustion", "Failed", TimeSpan.FromSeconds(20));

        ((string?)nr["status"]!["reason"]).Should().Be("MaxRetriesExhausted");
        var timestamps = Attempts(nr).Select(a => DateTimeOffset.Parse((string)a!["timestamp"]!)).ToList();
        Attempts(nr).Select(a => (int)a!["attempt"]!).Should().Equal(1, 2, 3);
        (timestamps[1] - timestamps[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "the second attempt waits for the 1 s initial backoff (timestamps have second precision)");
        await harness.ExpectControllerAuditAsync("retry-exhaustion", (NotificationNames.EventFailed, 3), (NotificationNames.EventEscalated, 1));
        harness.Controller.Receivers.Received(MockReceivers.HttpReceiver, "/webhook/fail").Should().HaveCount(3);
    }

    [Fact]
    public async Task A_channel_that_recovers_during_retries_ends_Sent_after_the_failed_attempt()
    {
        await using var harness = await NotificationHarness.StartAsync();
        RepointCredential(harness, "slack-success", new Uri(harness.Controller.ReceiverBaseAddress, "webhook/fail"));
        harness.Create("retry-success", channelSet: "slack-success", maxAttempts: 3, remediationRequest: "retry-success");
        await Eventually.Until(() => harness.Get("retry-success"), nr => Attempts(nr).Count == 1, "the first (failing) attempt", describe: DescribeStatus);

        RepointCredential(harness, "slack-success", new Uri(harness.Controller.ReceiverBaseAddress, "webhook"));
        var nr = await harness.WaitForPhaseAsync("retry-success", "Sent", TimeSpan.FromSeconds(20));

        Attempts(nr).Select(a => ((int)a!["attempt"]!, (string?)a["status"])).Should().Equal((1, "failed"), (2, "success"));
        ((int)nr["status"]!["successfulDeliveries"]!).Should().Be(1);
        ((int)nr["status"]!["failedDeliveries"]!).Should().Be(0, "a channel that later succeeded no longer counts as failed");
        await harness.ExpectControllerAuditAsync("retry-success", (NotificationNames.EventFailed, 1), (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));
    }

    [Theory]
    [InlineData("console-file-log")]
    [InlineData("e2e-fanout")]
    public async Task Multi_channel_routing_delivers_to_console_file_and_log(string channelSet)
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("multi-channel", channelSet: channelSet, priority: "High", remediationRequest: "multi-" + channelSet);

        var nr = await harness.WaitForPhaseAsync("multi-channel", "Sent");

        ((int)nr["status"]!["successfulDeliveries"]!).Should().Be(3);
        ((int)nr["status"]!["failedDeliveries"]!).Should().Be(0);
        Attempts(nr).Select(a => ((string?)a!["channel"], (string?)a["status"])).Should().BeEquivalentTo(new[] { ("console", "success"), ("file", "success"), ("log", "success") });
        await harness.ExpectControllerAuditAsync("multi-" + channelSet, (NotificationNames.EventSent, 3), (NotificationNames.EventAcknowledged, 1));
    }

    private static void RepointCredential(NotificationHarness harness, string key, Uri url) =>
        harness.Store.Mutate(ResourceKinds.Secret, Namespace, NotificationNames.CredentialsSecret,
            secret => secret["data"]![key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(url.ToString())));
}
