using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Notification.Receivers;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>What each channel delivers, to files, controller logs and the mock receivers.</summary>
public sealed class NotificationChannelTests
{
    [Fact]
    public async Task File_delivery_writes_the_notification_as_json_with_secrets_redacted()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("e2e-sanitization-test", channelSet: "console-file",
            body: "DB connection failed: password: SuperSecret123 api_key: sk-1234567890abcdef token: ghp_abcdefghijklmnopqrstuvwxyz0123456789");

        await harness.WaitForPhaseAsync("e2e-sanitization-test", "Sent");

        var file = Directory.GetFiles(harness.Controller.OutputDirectory, "notification-e2e-sanitization-test-*.json").Should().ContainSingle().Subject;
        Path.GetFileName(file).Should().MatchRegex(@"^notification-e2e-sanitization-test-\d{8}-\d{6}\.\d{6}\.json$");
        var written = JsonNode.Parse(File.ReadAllText(file))!;
        ((string?)written["metadata"]!["name"]).Should().Be("e2e-sanitization-test");
        ((string?)written["metadata"]!["namespace"]).Should().Be(Namespace);
        ((string?)written["spec"]!["priority"]).Should().Be("Critical");
        ((string?)written["spec"]!["subject"]).Should().Be("Test notification e2e-sanitization-test");
        var body = (string)written["spec"]!["body"]!;
        body.Should().Contain("password: [REDACTED]").And.Contain("api_key: [REDACTED]").And.Contain("token: [REDACTED]");
        body.Should().NotContain("SuperSecret123").And.NotContain("sk-1234567890abcdef").And.NotContain("ghp_");
        ((string?)harness.Get("e2e-sanitization-test")["spec"]!["body"]).Should().Contain("SuperSecret123", "only what is delivered is sanitised, never the stored spec");
    }

    [Fact]
    public async Task Concurrent_notifications_get_distinct_files()
    {
        await using var harness = await NotificationHarness.StartAsync();
        foreach (var index in Enumerable.Range(1, 3))
        {
            harness.Create($"e2e-concurrent-{index}", channelSet: "file-only", priority: "Medium", subject: $"Concurrent Test: e2e-concurrent-{index}");
        }

        foreach (var index in Enumerable.Range(1, 3))
        {
            await harness.WaitForPhaseAsync($"e2e-concurrent-{index}", "Sent");
            var file = Directory.GetFiles(harness.Controller.OutputDirectory, $"notification-e2e-concurrent-{index}-*.json").Should().ContainSingle().Subject;
            ((string?)JsonNode.Parse(File.ReadAllText(file))!["spec"]!["subject"]).Should().Be($"Concurrent Test: e2e-concurrent-{index}");
        }
    }

    [Fact]
    public async Task Log_and_console_channels_write_to_the_controller_pod_log()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("e2e-log-channel-test", channelSet: "log-only", type: "StatusUpdate", priority: "Low", body: "password: hunter2");
        harness.Create("e2e-console-test", subject: "Console subject");

        var logged = await harness.WaitForPhaseAsync("e2e-log-channel-test", "Sent");
        await harness.WaitForPhaseAsync("e2e-console-test", "Sent");

        Attempts(logged).Select(a => (string?)a!["channel"]).Should().Equal("log");
        var line = harness.ControllerLog().Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!)
            .Should().ContainSingle(l => (string?)l["channel"] == "log" && (string?)l["notification"] == "e2e-log-channel-test").Subject;
        ((string?)line["msg"]).Should().Be("Notification delivered");
        ((string?)line["type"]).Should().Be("StatusUpdate");
        ((string?)line["body"]).Should().Be("password: [REDACTED]");
        harness.ControllerLog().Should().Contain(l => l.Contains("NOTIFICATION [Critical] Simple: notification-e2e/e2e-console-test", StringComparison.Ordinal))
            .And.Contain("Subject: Console subject");
    }

    [Fact]
    public async Task PagerDuty_success_sends_an_events_api_trigger_and_failure_exhausts_retries()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("pd-success", channelSet: "pagerduty-success", type: "Escalation");
        harness.Create("pd-failure", channelSet: "pagerduty-failure", maxAttempts: 1, priority: "High");

        var success = await harness.WaitForPhaseAsync("pd-success", "Sent");
        var failure = await harness.WaitForPhaseAsync("pd-failure", "Failed");

        Attempts(success).Should().ContainSingle(a => ((string)a!["channel"]!).StartsWith("pagerduty") && (string?)a["status"] == "success");
        ((string?)failure["status"]!["reason"]).Should().Be("MaxRetriesExhausted");
        var trigger = JsonNode.Parse(harness.Controller.Receivers.Received(MockReceivers.HttpReceiver, "/pagerduty").Should().ContainSingle().Subject.Body)!;
        ((string?)trigger["event_action"]).Should().Be("trigger");
        ((string?)trigger["routing_key"]).Should().Be("mock-routing-key");
        ((string?)trigger["payload"]!["severity"]).Should().Be("critical");
        ((string?)trigger["payload"]!["summary"]).Should().Be("Test notification pd-success");
    }

    [Fact]
    public async Task Teams_success_posts_an_adaptive_card_and_failure_exhausts_retries()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("teams-success", channelSet: "teams-success", type: "Approval");
        harness.Create("teams-failure", channelSet: "teams-failure", maxAttempts: 1, priority: "Medium");

        var success = await harness.WaitForPhaseAsync("teams-success", "Sent");
        var failure = await harness.WaitForPhaseAsync("teams-failure", "Failed");

        Attempts(success).Should().ContainSingle(a => ((string)a!["channel"]!).StartsWith("teams") && (string?)a["status"] == "success");
        ((string?)failure["status"]!["reason"]).Should().Be("MaxRetriesExhausted");
        var card = JsonNode.Parse(harness.Controller.Receivers.Received(MockReceivers.HttpReceiver, "/teams").Should().ContainSingle().Subject.Body)!;
        ((string?)card["attachments"]![0]!["contentType"]).Should().Be("application/vnd.microsoft.card.adaptive");
        ((string?)card["attachments"]![0]!["content"]!["body"]![0]!["text"]).Should().Be("Test notification teams-success");
    }

    [Fact]
    public async Task Webhook_delivery_posts_the_notification_to_the_configured_url()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("webhook-success", channelSet: "webhook-success");

        var nr = await harness.WaitForPhaseAsync("webhook-success", "Sent");

        Attempts(nr).Select(a => (string?)a!["channel"]).Should().Equal("webhook");
        var posted = JsonNode.Parse(harness.Controller.Receivers.Received(MockReceivers.HttpReceiver, "/webhook").Should().ContainSingle().Subject.Body)!;
        ((string?)posted["notification"]).Should().Be("webhook-success");
        ((string?)posted["extensions"]!["test-channel-set"]).Should().Be("webhook-success");
    }

    [Fact]
    public async Task Slack_to_a_receiver_with_a_valid_certificate_succeeds_over_TLS()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("tls-valid", channelSet: "slack-tls-valid");

        await harness.WaitForPhaseAsync("tls-valid", "Sent");

        harness.Controller.Receivers.Received(MockReceivers.ValidTlsReceiver, "/webhook").Should().ContainSingle();
    }

    [Theory]
    [InlineData("slack-tls-self-signed", "certificate signed by unknown authority")]
    [InlineData("slack-tls-expired", "certificate has expired or is not yet valid")]
    [InlineData("slack-tls-wrong-host", "certificate is valid for wrong-host.invalid, not 127.0.0.1")]
    public async Task Certificate_validation_failures_are_permanent_and_not_retried(string channelSet, string reason)
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("tls-invalid", channelSet: channelSet, maxAttempts: 3, remediationRequest: "tls-" + channelSet);

        var nr = await harness.WaitForPhaseAsync("tls-invalid", "Failed");

        ((string?)nr["status"]!["reason"]).Should().Be("AllDeliveriesFailed");
        var error = (string)Attempts(nr).Should().ContainSingle("a TLS validation failure is permanent").Subject!["error"]!;
        error.Should().StartWith("permanent failure: TLS certificate validation failed: x509: ").And.Contain(reason);
        var audit = await harness.ExpectControllerAuditAsync("tls-" + channelSet, (NotificationNames.EventFailed, 1), (NotificationNames.EventEscalated, 1));
        ((string?)audit.Single(e => (string?)e["event_type"] == NotificationNames.EventFailed)["event_data"]!["error"]).Should().StartWith("TLS certificate validation failed");
        harness.Controller.Receivers.Received().Should().BeEmpty("the TLS handshake fails before any request is sent");
    }
}
