using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.Notification.Support;
using static Kubernaut.Emulator.Tests.Notification.Support.NotificationHarness;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>
/// The audit writers of the Notification controller and of the auth webhook against data-storage-v1.yaml: every batch
/// they send satisfies createAuditEventsBatch, each event_data payload included (its schema selected by the
/// discriminator event_data.event_type).
/// </summary>
public sealed class NotificationAuditContractTests
{
    [Fact]
    public async Task Every_batch_the_controller_and_the_webhook_send_satisfies_createAuditEventsBatch()
    {
        var contract = DataStorageContract.Require();
        await using var harness = await NotificationHarness.StartAsync();
        var metadata = new Dictionary<string, string> { ["cluster"] = "kind-notification", ["team"] = "payments" };
        harness.Create("contract-sent", remediationRequest: "rr-contract-sent", extensions: metadata, clusterId: "cluster-a");
        harness.Create("contract-failed", "slack-failure", maxAttempts: 1, type: "Escalation", remediationRequest: "rr-contract-failed");
        harness.Create("contract-partial", "console-slack-failure", maxAttempts: 1, priority: "Low", remediationRequest: "rr-contract-partial");
        harness.Create("contract-cancelled", type: "StatusUpdate", priority: "High", remediationRequest: "rr-contract-cancelled");
        await harness.WaitForPhaseAsync("contract-sent", "Sent");
        await harness.WaitForPhaseAsync("contract-failed", "Failed");
        await harness.WaitForPhaseAsync("contract-partial", "PartiallySent");
        await harness.WaitForPhaseAsync("contract-cancelled", "Sent");
        harness.Store.Delete(ResourceKinds.NotificationRequest, Namespace, "contract-cancelled", new UserInfo("alice@example.com", ["sre", "system:authenticated"]));
        await harness.ExpectControllerAuditAsync("rr-contract-sent", (NotificationNames.EventSent, 1), (NotificationNames.EventAcknowledged, 1));
        await harness.ExpectControllerAuditAsync("rr-contract-failed", (NotificationNames.EventFailed, 1), (NotificationNames.EventEscalated, 1));
        await harness.ExpectControllerAuditAsync("rr-contract-partial", (NotificationNames.EventSent, 1), (NotificationNames.EventFailed, 1));
        await Eventually.Until(() => harness.DataStorage.EventsFor("contract-cancelled"), events => events.Count == 1, "the cancellation event", describe: DescribeAudit);

        var batches = harness.DataStorage.Exchanges.Where(e => contract.OperationId(e) == "createAuditEventsBatch").ToList();
        var violations = DataStorageContract.Check(contract, batches);

        violations.Should().BeEmpty(DataStorageContract.Describe(violations));
        batches.Should().OnlyContain(e => e.Status == 201, "the spec judges the request of an accepted batch only");
        batches.SelectMany(EventTypes).Distinct().Should().BeEquivalentTo(
            [NotificationNames.EventSent, NotificationNames.EventFailed, NotificationNames.EventAcknowledged, NotificationNames.EventEscalated, NotificationNames.EventCancelled]);
        harness.DataStorage.Requests().Select(r => r.BearerToken).Distinct().Should().BeEquivalentTo(
            [harness.Tokens.TokenOf(Namespace, NotificationNames.Controller), harness.Tokens.TokenOf(Namespace, NotificationNames.AuthWebhook)],
            "both writers sent batches");
    }

    private static IEnumerable<string> EventTypes(HttpExchange batch) =>
        JsonNode.Parse(batch.RequestBody!)!.AsArray().Select(e => (string)e!["event_type"]!);
}
