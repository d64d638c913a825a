using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class AuditQueryTests
{
    private static readonly DateTimeOffset Base = DateTimeOffset.UtcNow.AddHours(-1);

    /// <summary>
    /// Six events of one correlation id (resource_id n1..n6) spread over types, outcomes, severities and times,
    /// plus noise under another correlation id, so each filter has exactly one right answer.
    /// </summary>
    private static async Task<string> SeedAsync(DataStorageHarness ds)
    {
        var id = AuditEvents.NewCorrelationId();
        var batch = new JsonArray(
            AuditEvents.Sent(id, "n1", Base.AddDays(-3)).With("severity", "critical"),
            AuditEvents.Sent(id, "n2", Base.AddMinutes(1), channel: "file"),
            AuditEvents.Failed(id, "n3", Base.AddMinutes(2)).With("severity", "critical"),
            AuditEvents.Acknowledged(id, "n4", Base.AddMinutes(3)),
            AuditEvents.Sent(id, "n5", Base.AddMinutes(4)).With("event_outcome", "pending"),
            AuditEvents.Sent(id, "n6", Base.AddMinutes(5)).With("event_category", "orchestration").With("event_type", "orchestrator.lifecycle.created")
                .With("event_data", new JsonObject { ["event_type"] = "orchestrator.lifecycle.created", ["rr_name"] = "rr-1", ["namespace"] = "default" }),
            AuditEvents.Sent(AuditEvents.NewCorrelationId(), "noise", Base.AddMinutes(2)).With("severity", "critical"));
        var created = await ds.PostBatchAsync(batch);
        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        return id;
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        { "", ["n6", "n5", "n4", "n3", "n2", "n1"] },
        { "event_type=notification.message.sent", ["n5", "n2", "n1"] },
        { "event_category=orchestration", ["n6"] },
        { "event_outcome=failure", ["n3"] },
        { "event_outcome=pending", ["n5"] },
        { "severity=critical", ["n3", "n1"] },
        { "since=24h", ["n6", "n5", "n4", "n3", "n2"] },
        { "since={base+2m}", ["n6", "n5", "n4", "n3"] },
        { "until={base+2m}", ["n3", "n2", "n1"] },
        { "detail_key=channel&detail_value=file", ["n2"] },
        { "detail_key=error_type&detail_value=transient", ["n3"] },
        { "event_type=notification.message.sent&event_category=notification&severity=critical", ["n1"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_selects_exactly_its_events_newest_first(string filter, string[] expected)
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var id = await SeedAsync(ds);

        // Theory data is built at discovery, possibly in another process: absolute times are resolved here.
        var page = await ds.QueryAsync($"correlation_id={id}&" + filter.Replace("{base+2m}", Uri.EscapeDataString(AuditEvents.Timestamp(Base.AddMinutes(2))), StringComparison.Ordinal));

        page.Status.Should().Be(HttpStatusCode.OK, page.ToString());
        page.Data.Select(e => e!["resource_id"]!.GetValue<string>()).Should().Equal(expected);
        page.Pagination["total"]!.GetValue<int>().Should().Be(expected.Length);
        page.Pagination["has_more"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Events_with_the_same_timestamp_are_ordered_by_event_id_descending()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var id = AuditEvents.NewCorrelationId();
        var batch = new JsonArray([.. Enumerable.Range(0, 8).Select(i => (JsonNode)AuditEvents.Sent(id, $"n{i}", Base))]);
        await ds.PostBatchAsync(batch);

        var ids = (await ds.QueryAsync($"correlation_id={id}")).Data.Select(e => e!["event_id"]!.GetValue<string>()).ToList();

        ids.Should().HaveCount(8).And.BeInDescendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Pages_walk_the_results_with_total_and_has_more()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var id = await SeedAsync(ds);

        var pages = new List<ApiResponse>();
        for (var offset = 0; offset < 6; offset += 4)
        {
            pages.Add(await ds.QueryAsync($"correlation_id={id}&limit=4&offset={offset}"));
        }

        pages.Select(p => p.Data.Count).Should().Equal(4, 2);
        pages.Select(p => p.Pagination["has_more"]!.GetValue<bool>()).Should().Equal(true, false);
        pages.Should().OnlyContain(p => p.Pagination["total"]!.GetValue<int>() == 6 && p.Pagination["limit"]!.GetValue<int>() == 4);
        pages.SelectMany(p => p.Data).Select(e => e!["resource_id"]!.GetValue<string>()).Should().Equal("n6", "n5", "n4", "n3", "n2", "n1");
        var beyond = await ds.QueryAsync($"correlation_id={id}&limit=4&offset=10");
        beyond.Data.Should().BeEmpty();
        beyond.Pagination["total"]!.GetValue<int>().Should().Be(6);
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_50_events_and_says_there_are_more()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var id = AuditEvents.NewCorrelationId();
        await ds.PostBatchAsync(new JsonArray([.. Enumerable.Range(0, 60).Select(i => (JsonNode)AuditEvents.Sent(id, $"n{i}", Base.AddSeconds(i)))]));

        var page = await ds.QueryAsync($"correlation_id={id}");
        var largest = await ds.QueryAsync($"correlation_id={id}&limit=1000");

        page.Data.Should().HaveCount(50);
        page.Pagination["limit"]!.GetValue<int>().Should().Be(50);
        page.Pagination["offset"]!.GetValue<int>().Should().Be(0);
        page.Pagination["total"]!.GetValue<int>().Should().Be(60);
        page.Pagination["has_more"]!.GetValue<bool>().Should().BeTrue();
        largest.Data.Should().HaveCount(60);
    }

    [Fact]
    public async Task A_query_without_a_correlation_id_searches_every_event()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        await SeedAsync(ds);
        await SeedAsync(ds);

        var page = await ds.QueryAsync("event_type=notification.message.failed&limit=10");

        page.Data.Should().HaveCount(2).And.OnlyContain(e => e!["event_type"]!.GetValue<string>() == "notification.message.failed");
        (await ds.QueryAsync("limit=1")).Pagination["total"]!.GetValue<int>().Should().Be(14);
    }
}
