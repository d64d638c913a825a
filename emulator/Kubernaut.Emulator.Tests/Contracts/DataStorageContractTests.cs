using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Tests.DataStorage;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>
/// The emulated DataStorage against data-storage-v1.yaml: a session that reaches every emulated operation and every
/// status it can answer, each recorded exchange validated against its operation. (Every behaviour test's exchanges
/// are also validated when its harness is disposed.)
/// </summary>
public sealed class DataStorageContractTests
{
    [Fact]
    public async Task Every_exchange_of_a_full_session_conforms_to_the_spec()
    {
        var contract = DataStorageContract.Require();
        await using var ds = await DataStorageHarness.StartAsync();
        var id = AuditEvents.NewCorrelationId();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var parent = await ds.PostEventAsync(AuditEvents.Sent(id, "nr-1", at).With("severity", "critical").With("cluster_id", "kind-notification"));

        var statuses = new List<HttpStatusCode>
        {
            parent.Status,
            (await ds.PostEventAsync(AuditEvents.Acknowledged(id, "nr-1", at.AddSeconds(1))
                .With("parent_event_id", parent.Body!["event_id"]!.DeepClone())
                .With("parent_event_date", AuditEvents.Timestamp(at))
                .With("duration_ms", 12).With("error_code", null).With("retention_days", 90).With("is_sensitive", false))).Status,
            (await ds.PostBatchAsync(new JsonArray(AuditEvents.Failed(id, "nr-2", at.AddSeconds(2)), AuditEvents.Sent(id, "nr-3", at.AddSeconds(3))))).Status,
            (await ds.PostBatchAsync(new JsonArray())).Status,
        };
        foreach (var filter in new[]
        {
            "", "event_type=notification.message.sent", "event_category=notification", "event_outcome=failure", "severity=critical",
            "since=1h", "until=" + Uri.EscapeDataString(AuditEvents.Timestamp(DateTimeOffset.UtcNow)), "detail_key=channel&detail_value=console",
            "limit=2&offset=1", "limit=1000&offset=0",
        })
        {
            statuses.Add((await ds.QueryAsync($"correlation_id={id}&{filter}")).Status);
        }
        statuses.Add((await ds.PostEventAsync(AuditEvents.Sent(id, "nr-4").Without("event_action"))).Status);
        statuses.Add((await ds.PostBatchAsync(new JsonArray(AuditEvents.Sent(id, "nr-4").With("event_outcome", "maybe")))).Status);
        statuses.Add((await ds.QueryAsync("limit=5000")).Status);
        statuses.Add((await ds.QueryAsync("limit=1", token: null)).Status);
        statuses.Add((await ds.PostEventAsync(AuditEvents.Sent(id, "nr-5"), DataStorageHarness.ReaderToken)).Status);
        statuses.Add((await ds.PostBatchAsync(new JsonArray(), "not-a-known-token")).Status);
        ds.Faults.FailAuditQueries(1);
        statuses.Add((await ds.QueryAsync($"correlation_id={id}")).Status);

        var exchanges = ds.Exchanges;
        var violations = DataStorageContract.Check(contract, exchanges);

        violations.Should().BeEmpty(DataStorageContract.Describe(violations));
        exchanges.Select(contract.OperationId).Distinct().Should().BeEquivalentTo(["createAuditEvent", "createAuditEventsBatch", "queryAuditEvents"]);
        statuses.Distinct().Should().BeEquivalentTo([
            HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized,
            HttpStatusCode.Forbidden, HttpStatusCode.InternalServerError]);
    }
}
