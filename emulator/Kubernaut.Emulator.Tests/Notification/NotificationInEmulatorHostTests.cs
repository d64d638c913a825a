using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Security;
using Kubernaut.Emulator.Tests.Contracts;
using Kubernaut.Emulator.Tests.Notification.Support;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>
/// The controller as <see cref="EmulatorHost"/> wires it: NotificationRequests admitted by the emulated API server,
/// audit written to the emulated DataStorage and read back through its HTTPS query API with a ServiceAccount token.
/// The queries are recorded and checked against the DataStorage spec when the test ends; their answers hold the
/// events the writers stored, so every payload read back is checked too (the writers' own requests cannot be
/// recorded here: the host connects the controller to DataStorage directly, see <see cref="Contracts.NotificationAuditContractTests"/>).
/// </summary>
public sealed class NotificationInEmulatorHostTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;
    private ContractRecorder _recorder = null!;
    private HttpClient _dataStorage = null!;

    private string Namespace => _host.Namespace;

    public async ValueTask InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Notification = new NotificationControllerOptions { AuditFlushInterval = TimeSpan.FromMilliseconds(100) },
        }, TestContext.Current.CancellationToken);
        _recorder = ContractRecorder.TrustingOnly(_host.CertificateAuthority);
        _dataStorage = new HttpClient(_recorder) { BaseAddress = _host.DataStorageApiUrl };
        _dataStorage.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.Tokens.IssueToken(Namespace, NotificationNames.Controller, TimeSpan.FromHours(1)));
    }

    public async ValueTask DisposeAsync()
    {
        _dataStorage.Dispose();
        await _host.DisposeAsync();
        DataStorageContract.AssertConforms(_recorder.Exchanges, "the emulated DataStorage's audit queries");
    }

    [Fact]
    public async Task Delivery_audit_reaches_DataStorage_and_is_queryable_by_correlation_id()
    {
        Create("host-sent", "rr-host-sent", channelSet: null);
        Create("host-failed", "rr-host-failed", channelSet: "slack-failure", maxAttempts: 1);

        await WaitForPhaseAsync("host-sent", "Sent");
        await WaitForPhaseAsync("host-failed", "Failed");

        (await WaitForAuditTypesAsync("rr-host-sent", 2)).Should().BeEquivalentTo(NotificationNames.EventSent, NotificationNames.EventAcknowledged);
        (await WaitForAuditTypesAsync("rr-host-failed", 2)).Should().BeEquivalentTo(NotificationNames.EventFailed, NotificationNames.EventEscalated);
    }

    [Fact]
    public async Task A_deletion_by_a_user_is_attributed_in_DataStorage()
    {
        Create("host-deleted", "rr-host-deleted", channelSet: null);
        await WaitForPhaseAsync("host-deleted", "Sent");

        _host.Store.Delete(ResourceKinds.NotificationRequest, Namespace, "host-deleted", new UserInfo("bob", ["system:authenticated"]));

        (await WaitForAuditTypesAsync("host-deleted", 1)).Should().Equal(NotificationNames.EventCancelled);
    }

    [Fact]
    public async Task The_metrics_endpoint_is_ready_once_DataStorage_is()
    {
        using var http = new HttpClient();

        var ready = await http.GetAsync(new Uri(_host.NotificationMetricsUrl, "readyz"), TestContext.Current.CancellationToken);
        var metrics = await http.GetStringAsync(new Uri(_host.NotificationMetricsUrl, "metrics"), TestContext.Current.CancellationToken);

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        metrics.Should().Contain("# TYPE kubernaut_notification_delivery_attempts_total counter");
    }

    private void Create(string name, string remediationRequest, string? channelSet, int? maxAttempts = null)
    {
        var spec = new JsonObject
        {
            ["type"] = "Simple",
            ["priority"] = "High",
            ["subject"] = $"Emulator host {name}",
            ["body"] = "Pod payment-api restarted",
            ["remediationRequestRef"] = new JsonObject { ["name"] = remediationRequest },
        };
        if (channelSet is not null)
        {
            spec["extensions"] = new JsonObject { ["test-channel-set"] = channelSet };
        }
        if (maxAttempts is not null)
        {
            spec["retryPolicy"] = new JsonObject { ["maxAttempts"] = maxAttempts, ["initialBackoffSeconds"] = 1, ["backoffMultiplier"] = 1, ["maxBackoffSeconds"] = 60 };
        }
        _host.Store.Create(ResourceKinds.NotificationRequest, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace }, ["spec"] = spec });
    }

    private Task WaitForPhaseAsync(string name, string phase) =>
        Eventually.Until(() => _host.Store.GetRequired(ResourceKinds.NotificationRequest, Namespace, name), nr => (string?)nr["status"]?["phase"] == phase,
            $"NotificationRequest {name} to reach {phase}", describe: nr => nr["status"]?.ToJsonString() ?? "(no status)");

    /// <summary>Polls the audit query API until <paramref name="count"/> events exist for the correlation id; returns their types.</summary>
    private Task<IReadOnlyList<string>> WaitForAuditTypesAsync(string correlationId, int count) =>
        Eventually.UntilAsync(async () =>
        {
            var page = JsonNode.Parse(await _dataStorage.GetStringAsync($"api/v1/audit/events?correlation_id={correlationId}&event_category=notification&limit=100", TestContext.Current.CancellationToken))!;
            return (IReadOnlyList<string>)page["data"]!.AsArray().Select(e => (string)e!["event_type"]!).ToList();
        }, found => found.Count >= count, $"{count} audit events for {correlationId}", describe: found => string.Join(", ", found));
}
