using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>Kubernetes Events, Prometheus metrics, health probes and controller logs.</summary>
public sealed class NotificationObservabilityTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Reconciles_record_Kubernetes_events_for_start_delivery_and_failure()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("evented", channelSet: "console-file");
        harness.Create("failing", channelSet: "slack-failure", maxAttempts: 1);

        await harness.WaitForPhaseAsync("evented", "Sent");
        await harness.WaitForPhaseAsync("failing", "Failed");

        var sent = harness.KubernetesEvents("evented");
        sent.Select(e => (string?)e["reason"]).Should().Contain(["ReconcileStarted", "NotificationSent"]);
        sent.Where(e => (string?)e["reason"] == "NotificationSent").Select(e => (string?)e["message"])
            .Should().BeEquivalentTo("Successfully delivered to channel console", "Successfully delivered to channel file");
        sent.Should().OnlyContain(e => (string?)e["source"]!["component"] == "notification-controller" && (string?)e["involvedObject"]!["kind"] == "NotificationRequest");
        var failed = harness.KubernetesEvents("failing").Should().ContainSingle(e => (string?)e["reason"] == "NotificationFailed").Subject;
        ((string?)failed["type"]).Should().Be("Warning");
        ((string?)failed["message"]).Should().Be("All delivery attempts failed or exhausted retries");
    }

    [Fact]
    public async Task Metrics_expose_delivery_attempts_durations_phases_and_audit_counters_in_prometheus_text()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("measured", remediationRequest: "measured");
        await harness.WaitForPhaseAsync("measured", "Sent");
        await harness.ExpectControllerAuditAsync("measured", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));

        using var response = await Http.GetAsync(new Uri(harness.Controller.MetricsBaseAddress, "metrics"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        text.Should().Contain("kubernaut_notification_delivery_attempts_total{channel=\"console\",status=\"success\"} 1\n");
        text.Should().Contain("kubernaut_notification_reconciler_active{phase=\"Sent\"} 1\n");
        text.Should().MatchRegex("kubernaut_notification_delivery_duration_seconds_bucket\\{channel=\"console\",le=\"\\+Inf\"\\} 1\n");
        text.Should().Contain("kubernaut_notification_delivery_duration_seconds_count{channel=\"console\"} 1\n");
        text.Should().Contain("kubernaut_notification_delivery_duration_seconds_sum{channel=\"console\"} ");
        text.Should().Contain("kubernaut_notification_channel_health_score{channel=\"console\"} 1\n");
        text.Should().Contain("kubernaut_notification_channel_circuit_breaker_state{channel=\"console\"} 0\n");
        text.Should().Contain("# TYPE kubernaut_notification_delivery_retries_total counter\n");
        text.Should().Contain("audit_events_written_total{service=\"notification-controller\"} 2\n");
    }

    [Fact]
    public async Task Readiness_gates_on_DataStorage_while_liveness_does_not()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var readyz = new Uri(harness.Controller.MetricsBaseAddress, "readyz");

        (await Http.GetAsync(readyz, TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        harness.DataStorage.Ready = false;
        using var notReady = await Http.GetAsync(readyz, TestContext.Current.CancellationToken);

        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await notReady.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("[-]datastorage failed: GET ").And.Contain("/readyz answered 503");
        (await Http.GetAsync(new Uri(harness.Controller.MetricsBaseAddress, "healthz"), TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_controller_pod_that_cannot_start_reconciles_nothing_until_the_fault_clears()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Faults.StickDeployment(Namespace, NotificationNames.Controller, PodFailure.ImagePullBackOff);
        harness.Create("held-back");

        await Eventually.Stays(() => harness.Get("held-back"), nr => Phase(nr) == "", "no status while the pod is not running", TimeSpan.FromMilliseconds(500), DescribeStatus);
        using var readiness = await Http.GetAsync(new Uri(harness.Controller.MetricsBaseAddress, "readyz"), TestContext.Current.CancellationToken);
        readiness.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await readiness.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("ImagePullBackOff");

        harness.Faults.Reset();
        await harness.WaitForPhaseAsync("held-back", "Sent");
    }

    [Fact]
    public async Task Notifications_created_before_the_controller_starts_are_reconciled()
    {
        await using var harness = await NotificationHarness.StartAsync(seed: store => store.Create(ResourceKinds.NotificationRequest, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "early", ["namespace"] = Namespace },
            ["spec"] = new JsonObject { ["type"] = "Simple", ["priority"] = "Low", ["subject"] = "s", ["body"] = "b" },
        }));

        await harness.WaitForPhaseAsync("early", "Sent");
    }

    [Fact]
    public async Task Controller_logs_are_structured_json_without_tokens()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("logged", remediationRequest: "logged");
        await harness.WaitForPhaseAsync("logged", "Sent");
        await harness.ExpectControllerAuditAsync("logged", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));

        var lines = harness.ControllerLog();
        lines.Where(l => l.StartsWith('{')).Should().Contain(l => l.Contains("\"msg\":\"Phase transition\"", StringComparison.Ordinal) && l.Contains("\"phase\":\"Sent\"", StringComparison.Ordinal));
        lines.Where(l => l.StartsWith('{')).Should().OnlyContain(l => JsonNode.Parse(l, null, default) != null);
        var token = harness.Tokens.TokenOf(Namespace, NotificationNames.Controller);
        token.Should().NotBeNull();
        lines.Should().NotContain(l => l.Contains(token!, StringComparison.Ordinal));
    }
}
