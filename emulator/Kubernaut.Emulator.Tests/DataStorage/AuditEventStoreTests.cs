using System.Text.Json;
using FluentAssertions;
using Kubernaut.Emulator.DataStorage;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class AuditEventStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 8, 22, 12, 0, 0, TimeSpan.Zero);

    private static AuditEventInput Input(string correlationId, string type, DateTimeOffset at) => new()
    {
        Version = "1.0",
        EventType = type,
        EventTimestamp = at,
        EventCategory = "notification",
        EventAction = "sent",
        EventOutcome = "success",
        CorrelationId = correlationId,
        EventData = JsonDocument.Parse($$"""{"event_type":"{{type}}"}""").RootElement,
    };

    [Fact]
    public void Events_written_out_of_order_are_returned_newest_first()
    {
        var store = new AuditEventStore();
        store.Append([Input("rr-1", "a", Noon.AddMinutes(2)), Input("rr-1", "b", Noon), Input("rr-1", "c", Noon.AddMinutes(1))]);

        var result = store.Query(new AuditQuery { CorrelationId = "rr-1" });

        result.Events.Select(e => e.Event.EventType).Should().Equal("a", "c", "b");
    }

    [Fact]
    public void The_narrowest_index_gives_the_same_answer_as_a_full_scan()
    {
        var store = new AuditEventStore();
        store.Append([.. Enumerable.Range(0, 50).Select(i => Input($"rr-{i % 5}", i % 2 == 0 ? "even" : "odd", Noon.AddSeconds(i)))]);

        var byIndex = store.Query(new AuditQuery { CorrelationId = "rr-3", EventType = "odd", Limit = 1000 });
        var byScan = store.Query(new AuditQuery { Limit = 1000 }).Events.Where(e => e.Event.CorrelationId == "rr-3" && e.Event.EventType == "odd");

        byIndex.Events.Should().Equal(byScan).And.HaveCount(5);
        byIndex.Total.Should().Be(5);
    }

    [Fact]
    public void Copies_get_their_own_ids_and_extend_the_chain()
    {
        var store = new AuditEventStore();

        var stored = store.Append([Input("rr-1", "a", Noon)], copies: 3);

        stored.Select(e => e.EventId).Should().OnlyHaveUniqueItems().And.HaveCount(3);
        stored[1].PreviousEventHash.Should().Be(stored[0].EventHash);
        stored[2].PreviousEventHash.Should().Be(stored[1].EventHash);
    }

    [Fact]
    public void Clear_forgets_every_event_and_restarts_the_chains()
    {
        var store = new AuditEventStore();
        store.Append([Input("rr-1", "a", Noon)]);

        store.Clear();
        var afterwards = store.Append([Input("rr-1", "a", Noon)]).Single();

        store.Count.Should().Be(1);
        afterwards.PreviousEventHash.Should().BeEmpty();
    }
}
