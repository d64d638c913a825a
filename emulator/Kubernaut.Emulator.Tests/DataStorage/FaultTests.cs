using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class FaultTests
{
    [Fact]
    public async Task Failing_readiness_answers_503_naming_the_fault_on_both_ports_until_reset()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        using var health = ds.NewHealthClient();
        ds.Faults.FailDataStorageReadiness(TimeSpan.FromHours(1));

        var failing = await DataStorageHarness.ReadAsync(await health.GetAsync("readyz", TestContext.Current.CancellationToken));
        var failingOnApi = await ds.SendAsync(null, HttpMethod.Get, "readyz");
        var alive = await health.GetAsync("healthz", TestContext.Current.CancellationToken);
        ds.Faults.Reset();
        var recovered = await health.GetAsync("readyz", TestContext.Current.CancellationToken);

        failing.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        failing.Body!["status"]!.GetValue<string>().Should().Be("not_ready");
        failing.Body["reason"]!.GetValue<string>().Should().Contain("FailDataStorageReadiness");
        failingOnApi.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        alive.StatusCode.Should().Be(HttpStatusCode.OK, "liveness is not readiness");
        recovered.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_next_N_connections_to_the_api_are_reset_before_tls_and_later_ones_succeed()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        ds.Faults.ResetDataStorageConnections(2);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var client = ds.NewApiClient();
            var failure = await Record(() => client.GetAsync("api/v1/audit/events?limit=1", TestContext.Current.CancellationToken));
            ShouldBeConnectionReset(failure, $"connection {attempt} of 2 is reset");
        }
        using var third = ds.NewApiClient();
        var response = await third.GetAsync("api/v1/audit/events?limit=1", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ds.Faults.TryConsumeConnectionReset().Should().BeFalse("exactly two resets were consumed");
    }

    [Fact]
    public async Task The_next_N_audit_queries_answer_500_problems_while_writes_still_succeed()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var id = AuditEvents.NewCorrelationId();
        ds.Faults.FailAuditQueries(2);

        var first = await ds.QueryAsync($"correlation_id={id}");
        var write = await ds.PostEventAsync(AuditEvents.Sent(id, "nr-1"));
        var second = await ds.QueryAsync($"correlation_id={id}");
        var third = await ds.QueryAsync($"correlation_id={id}");

        foreach (var failed in new[] { first, second })
        {
            failed.Status.Should().Be(HttpStatusCode.InternalServerError);
            failed.ContentType.Should().Be("application/problem+json");
            failed.Body!["type"]!.GetValue<string>().Should().Be("https://kubernaut.ai/problems/database-error");
            failed.Body["detail"]!.GetValue<string>().Should().Contain("FailAuditQueries");
        }
        write.Status.Should().Be(HttpStatusCode.Created);
        third.Status.Should().Be(HttpStatusCode.OK);
        third.Data.Should().ContainSingle();
    }

    [Fact]
    public async Task Duplication_stores_every_written_event_that_many_times_with_distinct_ids()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        var id = AuditEvents.NewCorrelationId();
        ds.Faults.DuplicateAuditEvents(3);

        var single = await ds.PostEventAsync(AuditEvents.Sent(id, "nr-1"));
        var batch = await ds.PostBatchAsync(new JsonArray(AuditEvents.Sent(id, "nr-2"), AuditEvents.Acknowledged(id, "nr-2")));
        var stored = await ds.QueryAsync($"correlation_id={id}");

        single.Status.Should().Be(HttpStatusCode.Created);
        batch.Body!["event_ids"]!.AsArray().Should().HaveCount(2, "the writer is told about its own events only");
        stored.Pagination["total"]!.GetValue<int>().Should().Be(9);
        stored.Data.Select(e => e!["event_id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        stored.Data.Count(e => e!["resource_id"]!.GetValue<string>() == "nr-1").Should().Be(3);
    }

    [Fact]
    public async Task While_unreachable_every_connection_is_reset_including_open_ones_and_the_health_port()
    {
        await using var ds = await DataStorageHarness.StartAsync();
        using var pooled = ds.NewApiClient();
        using var health = ds.NewHealthClient();
        (await pooled.GetAsync("api/v1/audit/events?limit=1", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await health.GetAsync("readyz", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        ds.Faults.MakeDataStorageUnreachable(TimeSpan.FromHours(1));

        using var fresh = ds.NewApiClient();
        ShouldBeConnectionReset(await Record(() => fresh.GetAsync("api/v1/audit/events?limit=1", TestContext.Current.CancellationToken)), "a new API connection");
        ShouldFail(await Record(() => pooled.GetAsync("api/v1/audit/events?limit=1", TestContext.Current.CancellationToken)), "an open API connection");
        ShouldFail(await Record(() => health.GetAsync("readyz", TestContext.Current.CancellationToken)), "the health port");
        using var freshHealth = ds.NewHealthClient();
        ShouldBeConnectionReset(await Record(() => freshHealth.GetAsync("healthz", TestContext.Current.CancellationToken)), "a new health connection");

        ds.Faults.Reset();
        using var afterwards = ds.NewApiClient();
        (await afterwards.GetAsync("api/v1/audit/events?limit=1", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<Exception?> Record(Func<Task<HttpResponseMessage>> call)
    {
        try
        {
            using var response = await call();
            return null;
        }
        catch (HttpRequestException ex)
        {
            return ex;
        }
        catch (SocketException ex)
        {
            // A reset that arrives between the connect and HttpClient asking the socket for its peer surfaces
            // unwrapped, from Socket.RemoteEndPoint, as "not connected".
            return ex;
        }
    }

    private static void ShouldFail(Exception? failure, string what) =>
        failure.Should().NotBeNull($"{what} must fail while DataStorage is unreachable");

    private static void ShouldBeConnectionReset(Exception? failure, string what)
    {
        ShouldFail(failure, what);
        var chain = new List<Exception>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }
        chain.OfType<SocketException>().Should().Contain(e => e.SocketErrorCode == SocketError.ConnectionReset || e.SocketErrorCode == SocketError.NotConnected,
            $"{what} must see 'connection reset by peer' (or, when the reset comes right after the connect, 'not connected'), got: {string.Join(" -> ", chain.Select(e => $"{e.GetType().Name}: {e.Message}"))}");
    }
}
