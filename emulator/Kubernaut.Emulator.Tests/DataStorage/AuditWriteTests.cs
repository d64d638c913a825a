using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class AuditWriteTests
{
    [Fact]
    public async Task A_written_event_answers_201_with_its_id_and_is_returned_with_the_server_fields()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var correlationId = AuditEvents.NewCorrelationId();
        var at = new DateTimeOffset(2026, 8, 22, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var request = AuditEvents.Sent(correlationId, "nr-1", at);

        var created = await ds.PostEventAsync(request);

        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        created.ContentType.Should().Be("application/json");
        var eventId = created.Body!["event_id"]!.GetValue<string>();
        Guid.TryParseExact(eventId, "D", out _).Should().BeTrue();
        created.Body["event_timestamp"]!.GetValue<string>().Should().Be("2026-08-22T08:15:30.123456Z", "timestamps come back in UTC at microsecond precision");
        created.Body["message"]!.GetValue<string>().Should().NotBeEmpty();

        var stored = (await ds.QueryAsync($"correlation_id={correlationId}")).Data.Single()!.AsObject();
        stored["event_id"]!.GetValue<string>().Should().Be(eventId);
        stored["event_date"]!.GetValue<string>().Should().Be("2026-08-22");
        stored["version"]!.GetValue<string>().Should().Be("1.0");
        stored["event_type"]!.GetValue<string>().Should().Be("notification.message.sent");
        stored["event_category"]!.GetValue<string>().Should().Be("notification");
        stored["event_action"]!.GetValue<string>().Should().Be("sent");
        stored["event_outcome"]!.GetValue<string>().Should().Be("success");
        stored["actor_type"]!.GetValue<string>().Should().Be("service");
        stored["actor_id"]!.GetValue<string>().Should().Be("notification-controller");
        stored["resource_type"]!.GetValue<string>().Should().Be("NotificationRequest");
        stored["resource_id"]!.GetValue<string>().Should().Be("nr-1");
        stored["namespace"]!.GetValue<string>().Should().Be("default");
        stored["retention_days"]!.GetValue<int>().Should().Be(2555);
        stored["is_sensitive"]!.GetValue<bool>().Should().BeFalse();
        stored["legal_hold"]!.GetValue<bool>().Should().BeFalse();
        stored["event_hash"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        stored["previous_event_hash"]!.GetValue<string>().Should().BeEmpty("it is the first event of its correlation chain");
        stored.Should().ContainKey("parent_event_id").WhoseValue.Should().BeNull();
        JsonNode.DeepEquals(stored["event_data"], request["event_data"]).Should().BeTrue(stored["event_data"]!.ToJsonString());
    }

    [Fact]
    public async Task Empty_omitempty_fields_are_left_out_and_sent_overrides_are_kept()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var correlationId = AuditEvents.NewCorrelationId();
        var request = AuditEvents.Sent(correlationId, "nr-1")
            .Without("actor_type").Without("resource_type").With("namespace", null).With("severity", "")
            .With("retention_days", 30).With("is_sensitive", true).With("duration_ms", 42);

        (await ds.PostEventAsync(request)).Status.Should().Be(HttpStatusCode.Created);

        var stored = (await ds.QueryAsync($"correlation_id={correlationId}")).Data.Single()!.AsObject();
        stored.Should().NotContainKeys("actor_type", "resource_type", "namespace", "severity", "cluster_id", "error_code", "error_message", "actor_ip");
        stored["retention_days"]!.GetValue<int>().Should().Be(30);
        stored["is_sensitive"]!.GetValue<bool>().Should().BeTrue();
        stored["duration_ms"]!.GetValue<long>().Should().Be(42);
    }

    [Fact]
    public async Task A_batch_answers_201_with_one_id_per_event_in_request_order()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var correlationId = AuditEvents.NewCorrelationId();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var batch = new JsonArray(
            AuditEvents.Sent(correlationId, "nr-1", start),
            AuditEvents.Failed(correlationId, "nr-2", start.AddSeconds(1)),
            AuditEvents.Acknowledged(correlationId, "nr-1", start.AddSeconds(2)));

        var created = await ds.PostBatchAsync(batch);

        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        var ids = created.Body!["event_ids"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();
        ids.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        var stored = (await ds.QueryAsync($"correlation_id={correlationId}")).Data;
        stored.Select(e => e!["event_id"]!.GetValue<string>()).Should().Equal(ids.AsEnumerable().Reverse(), "the query returns newest first");
    }

    [Fact]
    public async Task Events_of_one_correlation_id_form_a_hash_chain()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var correlationId = AuditEvents.NewCorrelationId();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        await ds.PostEventAsync(AuditEvents.Sent(correlationId, "nr-1", start));
        await ds.PostEventAsync(AuditEvents.Sent(AuditEvents.NewCorrelationId(), "other", start));
        await ds.PostEventAsync(AuditEvents.Acknowledged(correlationId, "nr-1", start.AddSeconds(1)));

        var events = (await ds.QueryAsync($"correlation_id={correlationId}")).Data;

        var (second, first) = (events[0]!, events[1]!);
        second["previous_event_hash"]!.GetValue<string>().Should().Be(first["event_hash"]!.GetValue<string>());
        first["previous_event_hash"]!.GetValue<string>().Should().BeEmpty();
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_event()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        const int writers = 24;
        const int batchesPerWriter = 20;
        const int eventsPerBatch = 10;
        var correlationIds = Enumerable.Range(0, 4).Select(_ => AuditEvents.NewCorrelationId()).ToArray();

        var returnedIds = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var ids = new List<string>();
            for (var b = 0; b < batchesPerWriter; b++)
            {
                var batch = new JsonArray([.. Enumerable.Range(0, eventsPerBatch).Select(i =>
                    (JsonNode)AuditEvents.Sent(correlationIds[(writer + i) % correlationIds.Length], $"nr-{writer}-{b}-{i}"))]);
                var created = await ds.PostBatchAsync(batch);
                created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
                ids.AddRange(created.Body!["event_ids"]!.AsArray().Select(id => id!.GetValue<string>()));
            }
            return ids;
        })));

        const int expected = writers * batchesPerWriter * eventsPerBatch;
        returnedIds.SelectMany(ids => ids).Should().HaveCount(expected).And.OnlyHaveUniqueItems();
        ds.Service.Store.Count.Should().Be(expected);
        var totals = await Task.WhenAll(correlationIds.Select(async id => (await ds.QueryAsync($"correlation_id={id}&limit=1")).Pagination["total"]!.GetValue<int>()));
        totals.Sum().Should().Be(expected);
    }
}
