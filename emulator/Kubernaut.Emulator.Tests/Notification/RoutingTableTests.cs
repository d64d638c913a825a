using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Receivers;
using Kubernaut.Emulator.Notification.Routing;

namespace Kubernaut.Emulator.Tests.Notification;

public sealed class RoutingTableTests
{
    private static readonly Uri Receivers = new("http://127.0.0.1:8080/");

    private static readonly RoutingTable DefaultTable = RoutingTable.Parse(NotificationDeployment.DefaultRoutingYaml(Receivers), "default routing");

    private static NotificationRequestView Request(IDictionary<string, string>? extensions = null, string priority = "Critical", JsonObject? context = null)
    {
        var ext = new JsonObject();
        foreach (var (key, value) in extensions ?? new Dictionary<string, string>())
        {
            ext[key] = value;
        }
        return NotificationRequestView.Parse(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "n", ["namespace"] = "ns", ["uid"] = "uid-1" },
            ["spec"] = new JsonObject { ["type"] = "Simple", ["priority"] = priority, ["subject"] = "s", ["body"] = "b", ["extensions"] = ext, ["context"] = context },
        });
    }

    private static RoutingDecision RouteChannelSet(string set) =>
        RoutingResolver.Resolve(DefaultTable, Request(new Dictionary<string, string> { ["test-channel-set"] = set }));

    [Theory]
    [InlineData("console-file-log", "console,file,log")]
    [InlineData("console-file", "console,file")]
    [InlineData("file-only", "file")]
    [InlineData("log-only", "log")]
    [InlineData("slack-success", "slack:slack-success")]
    [InlineData("slack-failure", "slack:slack-failure")]
    [InlineData("console-slack-success", "slack:console-slack-success,console")]
    [InlineData("console-slack-failure", "slack:console-slack-failure,console")]
    [InlineData("e2e-fanout", "console,file,log")]
    [InlineData("pagerduty-success", "pagerduty:pagerduty-success")]
    [InlineData("pagerduty-failure", "pagerduty:pagerduty-failure")]
    [InlineData("teams-success", "teams:teams-success")]
    [InlineData("teams-failure", "teams:teams-failure")]
    [InlineData("webhook-success", "webhook")]
    public void Default_table_routes_each_E2E_channel_set_to_Kubernauts_qualified_channels(string set, string channels)
    {
        var decision = RouteChannelSet(set);

        decision.Channels.Select(c => c.Name).Should().Equal(channels.Split(','));
        decision.Reason.Should().Be(RoutingResolver.RuleMatched);
        decision.Resolved.Should().BeTrue();
    }

    [Fact]
    public void Fanout_continues_past_the_first_matching_route_to_the_next_one()
    {
        var decision = RouteChannelSet("e2e-fanout");

        decision.Receivers.Should().Equal("fanout-console", "fanout-file-log");
        decision.Message.Should().Contain("'fanout-console', 'fanout-file-log'").And.Contain("test-channel-set=e2e-fanout");
    }

    [Fact]
    public void Unmatched_attributes_use_the_root_receiver_which_Kubernaut_reports_as_a_matched_rule()
    {
        var decision = RoutingResolver.Resolve(DefaultTable, Request(new Dictionary<string, string> { ["cluster"] = "test-cluster" }));

        decision.Receivers.Should().Equal("default-console");
        decision.Channels.Select(c => c.Name).Should().Equal("console");
        decision.Reason.Should().Be(RoutingResolver.RuleMatched, "the E2E suite's default-console spec expects RoutingRuleMatched");
    }

    [Fact]
    public void Without_a_routing_table_delivery_falls_back_to_console()
    {
        var decision = RoutingResolver.Resolve(null, Request());

        decision.Channels.Select(c => c.Name).Should().Equal("console");
        decision.Reason.Should().Be(RoutingResolver.Fallback);
        decision.Message.Should().StartWith("No routing rules matched (attributes: priority=Critical, type=Simple), using console fallback");
    }

    [Fact]
    public void Attributes_come_from_spec_fields_flattened_context_and_extensions()
    {
        var request = Request(new Dictionary<string, string> { ["team"] = "payments" }, context: new JsonObject
        {
            ["lineage"] = new JsonObject { ["remediationRequest"] = "rr-1" },
            ["workflow"] = new JsonObject { ["selectedWorkflow"] = "restart-pod", ["confidence"] = "0.9" },
        });

        RoutingResolver.Attributes(request).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["type"] = "Simple",
            ["priority"] = "Critical",
            ["remediationRequest"] = "rr-1",
            ["selectedWorkflow"] = "restart-pod",
            ["confidence"] = "0.9",
            ["team"] = "payments",
        });
    }

    [Fact]
    public void Match_and_match_re_must_both_hold_and_the_first_matching_route_wins()
    {
        var table = RoutingTable.Parse("""
            route:
              receiver: fallback
              routes:
                - match: {priority: Critical}
                  match_re: {team: "^pay"}
                  receiver: pager
                - matchRe: {team: "pay|shop"}
                  receiver: chat
                - match: {priority: Critical}
                  receiver: never
            receivers:
              - name: fallback
                consoleConfigs: [{}]
              - name: pager
                pagerdutyConfigs: [{credentialRef: pd}]
              - name: chat
                slackConfigs: [{credentialRef: a}, {credentialRef: b}]
              - name: never
                logConfigs: [{}]
            """, "test");

        RoutingResolver.Resolve(table, Request(new Dictionary<string, string> { ["team"] = "payments" })).Receivers.Should().Equal("pager");
        var chat = RoutingResolver.Resolve(table, Request(new Dictionary<string, string> { ["team"] = "shop" }, priority: "Low"));
        chat.Receivers.Should().Equal("chat");
        chat.Channels.Select(c => c.Name).Should().Equal("slack:chat:0", "slack:chat:1");
        RoutingResolver.Resolve(table, Request(priority: "Low")).Receivers.Should().Equal("fallback");
    }

    [Fact]
    public void A_matched_receiver_without_channels_fails_routing()
    {
        var table = RoutingTable.Parse("""
            route:
              receiver: empty
            receivers:
              - name: empty
            """, "test");

        var decision = RoutingResolver.Resolve(table, Request());

        decision.Resolved.Should().BeFalse();
        decision.Reason.Should().Be(RoutingResolver.Failed);
        decision.Message.Should().Contain("'empty'").And.Contain("define no delivery channel");
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("receivers: [{name: a}]", "'route' is required")]
    [InlineData("route: {receiver: a}", "at least one receiver is required")]
    [InlineData("route: {receiver: missing}\nreceivers: [{name: a}]", "names receiver 'missing', which is not in the receivers list")]
    [InlineData("route: {receiver: a, routes: [{receiver: a, match_re: {x: '('}}]}\nreceivers: [{name: a}]", "invalid match_re pattern for 'x'")]
    [InlineData("route: [unclosed", "is not valid routing YAML")]
    public void Invalid_configurations_are_rejected_with_the_problem_named(string yaml, string problem)
    {
        var parse = () => RoutingTable.Parse(yaml, "ConfigMap ns/routing key routing.yaml");

        parse.Should().Throw<RoutingConfigException>().WithMessage($"*ConfigMap ns/routing key routing.yaml*{problem}*");
    }

    [Fact]
    public void Default_credentials_point_the_routing_tables_credential_refs_at_the_mock_receivers()
    {
        var tls = new TlsReceiverAddresses(new("https://127.0.0.1:1/"), new("https://127.0.0.1:2/"), new("https://127.0.0.1:3/"), new("https://127.0.0.1:4/"));
        var credentials = NotificationDeployment.DefaultCredentials(Receivers, tls);
        var yaml = NotificationDeployment.DefaultRoutingYaml(Receivers);

        credentials["slack-failure"].Should().Be("http://127.0.0.1:8080/webhook/fail");
        credentials["teams-success"].Should().Be("http://127.0.0.1:8080/teams");
        credentials["slack-tls-expired"].Should().Be("https://127.0.0.1:3/webhook");
        foreach (var reference in System.Text.RegularExpressions.Regex.Matches(yaml, @"credentialRef: ([\w-]+)").Select(m => m.Groups[1].Value))
        {
            credentials.Should().ContainKey(reference);
        }
    }
}
