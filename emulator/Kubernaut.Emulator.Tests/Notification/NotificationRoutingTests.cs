using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>The RoutingResolved condition and hot reload of the routing ConfigMap (BR-NOT-065..069).</summary>
public sealed class NotificationRoutingTests
{
    private const string RoutingConfigMap = "notification-routing-config";

    [Fact]
    public async Task A_matched_route_sets_RoutingResolved_RoutingRuleMatched_naming_receiver_and_channels()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Create("routed", channelSet: "console-file");

        var nr = await harness.WaitForPhaseAsync("routed", "Sent");

        var routing = Condition(nr, "RoutingResolved");
        ((string?)routing["status"]).Should().Be("True");
        ((string?)routing["reason"]).Should().Be("RoutingRuleMatched");
        ((string?)routing["message"]).Should().Be("Matched rule 'console-file' (attributes: priority=Critical, test-channel-set=console-file, type=Simple) → channels: console, file");
        ((long)routing["observedGeneration"]!).Should().Be(1);
    }

    [Fact]
    public async Task Without_the_routing_ConfigMap_delivery_falls_back_to_console_with_RoutingFallback()
    {
        await using var harness = await NotificationHarness.StartAsync();
        harness.Store.Delete(ResourceKinds.ConfigMap, Namespace, RoutingConfigMap);
        await Eventually.Until(harness.ControllerLog, log => log.Any(l => l.Contains("Routing configuration not found", StringComparison.Ordinal)), "the controller to notice the deleted routing ConfigMap",
            describe: log => string.Join(Environment.NewLine, log));
        harness.Create("fallback", channelSet: "slack-failure");

        var nr = await harness.WaitForPhaseAsync("fallback", "Sent");

        ((string?)Condition(nr, "RoutingResolved")["reason"]).Should().Be("RoutingFallback");
        Attempts(nr).Select(a => (string?)a!["channel"]).Should().Equal("console");
    }

    [Fact]
    public async Task A_receiver_without_channels_fails_the_notification_with_NoChannelsResolved()
    {
        await using var harness = await NotificationHarness.StartAsync();
        ReplaceRouting(harness, "route: {receiver: silent}\nreceivers: [{name: silent}]\n");
        await WaitForReloadCountAsync(harness, 2);
        harness.Create("no-channels", remediationRequest: "no-channels");

        var nr = await harness.WaitForPhaseAsync("no-channels", "Failed");

        ((string?)nr["status"]!["reason"]).Should().Be("NoChannelsResolved");
        ((string?)Condition(nr, "RoutingResolved")["status"]).Should().Be("False");
        ((string?)Condition(nr, "RoutingResolved")["reason"]).Should().Be("RoutingFailed");
        Attempts(nr).Should().BeEmpty();
        await harness.ExpectControllerAuditAsync("no-channels", (NotificationNames.EventEscalated, 1));
    }

    [Fact]
    public async Task Routing_changes_apply_without_restart_and_an_invalid_update_keeps_the_previous_table()
    {
        await using var harness = await NotificationHarness.StartAsync();
        ReplaceRouting(harness, "route:\n  receiver: default\n  routes:\n    - match: {team: payments}\n      receiver: logs\nreceivers:\n  - name: default\n    consoleConfigs: [{}]\n  - name: logs\n    logConfigs: [{}]\n");
        await WaitForReloadCountAsync(harness, 2);

        harness.Create("reloaded", extensions: new Dictionary<string, string> { ["team"] = "payments" });
        Attempts(await harness.WaitForPhaseAsync("reloaded", "Sent")).Select(a => (string?)a!["channel"]).Should().Equal("log");

        ReplaceRouting(harness, "route: {receiver: nowhere}\nreceivers: [{name: default}]\n");
        var rejected = await Eventually.Until(() => harness.Store.List(ResourceKinds.Event, Namespace).Items.Where(e => (string?)e["reason"] == "RoutingConfigRejected").ToList(),
            events => events.Count == 1, "a RoutingConfigRejected event");
        ((string?)rejected[0]["type"]).Should().Be("Warning");
        ((string?)rejected[0]["message"]).Should().Contain("names receiver 'nowhere'").And.Contain("keeping the previous routing configuration");
        harness.Create("still-routed", extensions: new Dictionary<string, string> { ["team"] = "payments" });
        Attempts(await harness.WaitForPhaseAsync("still-routed", "Sent")).Select(a => (string?)a!["channel"]).Should().Equal("log");
    }

    [Fact]
    public async Task An_existing_routing_ConfigMap_is_kept_at_start()
    {
        await using var harness = await NotificationHarness.StartAsync(seed: store => store.Create(ResourceKinds.ConfigMap, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = RoutingConfigMap, ["namespace"] = Namespace },
            ["data"] = new JsonObject { ["routing.yaml"] = "route: {receiver: only-file}\nreceivers: [{name: only-file, fileConfigs: [{}]}]\n" },
        }));
        harness.Create("preconfigured");

        var nr = await harness.WaitForPhaseAsync("preconfigured", "Sent");

        Attempts(nr).Select(a => (string?)a!["channel"]).Should().Equal("file");
    }

    private static void ReplaceRouting(NotificationHarness harness, string yaml) =>
        harness.Store.Mutate(ResourceKinds.ConfigMap, Namespace, RoutingConfigMap, cm => cm["data"]!["routing.yaml"] = yaml);

    private static Task WaitForReloadCountAsync(NotificationHarness harness, int loads) =>
        Eventually.Until(() => harness.ControllerLog().Count(l => l.Contains("\"Routing configuration loaded\"", StringComparison.Ordinal)), count => count >= loads, $"{loads} routing configuration loads");
}
