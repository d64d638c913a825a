using System.Text.Json.Nodes;

namespace Kubernaut.Kubernetes.Client.Tests;

public sealed class LogsEventsAndTokensTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pod_logs_pass_container_tail_since_timestamps_previous_and_limit()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Text(context, "2026-08-22T10:00:00Z line one\n2026-08-22T10:00:01Z line two\n"));
        using var client = server.CreateClient();

        var logs = await client.ReadPodLogsAsync("notification-controller-7d9", "kubernaut-system", new PodLogOptions
        {
            Container = "manager",
            TailLines = 100,
            SinceSeconds = 300,
            Timestamps = true,
            Previous = true,
            LimitBytes = 65536,
        }, Cancellation);

        logs.Should().Be("2026-08-22T10:00:00Z line one\n2026-08-22T10:00:01Z line two\n");
        var request = server.SingleRequest;
        request.Path.Should().Be("/api/v1/namespaces/kubernaut-system/pods/notification-controller-7d9/log");
        request.Query("container").Should().Be("manager");
        request.Query("tailLines").Should().Be("100");
        request.Query("sinceSeconds").Should().Be("300");
        request.Query("timestamps").Should().Be("true");
        request.Query("previous").Should().Be("true");
        request.Query("limitBytes").Should().Be("65536");
        request.Query("follow").Should().BeNull();
    }

    [Fact]
    public async Task Followed_logs_stream_line_by_line()
    {
        await using var server = await FakeApiServer.StartAsync(async context =>
        {
            await Respond.Line(context, "starting");
            await Respond.Line(context, "ready");
        });
        using var client = server.CreateClient();

        var lines = new List<string>();
        await foreach (var line in client.FollowPodLogsAsync("p", "ns", cancellationToken: Cancellation))
        {
            lines.Add(line);
        }

        lines.Should().Equal("starting", "ready");
        server.SingleRequest.Query("follow").Should().Be("true");
    }

    [Fact]
    public async Task A_wrong_container_name_is_reported_with_the_servers_message()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Status(context, 400, "BadRequest",
            "container sidecar is not valid for pod notification-controller-7d9"));
        using var client = server.CreateClient();

        var act = () => client.ReadPodLogsAsync("notification-controller-7d9", "ns", new PodLogOptions { Container = "sidecar" }, Cancellation);

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.Message.Should().Be(
            $"GET {server.Url}api/v1/namespaces/ns/pods/notification-controller-7d9/log?container=sidecar: 400 Bad Request: container sidecar is not valid for pod notification-controller-7d9. " +
            "Fix: correct the request as the server's message says (a wrong container name, selector or body).");
    }

    [Fact]
    public async Task Events_of_an_object_are_selected_by_name_namespace_and_uid_and_sorted_oldest_first()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, """
            {"items":[
              {"metadata":{"name":"e2"},"involvedObject":{"name":"web"},"reason":"BackOff","type":"Warning","lastTimestamp":"2026-08-22T10:05:00Z"},
              {"metadata":{"name":"e1"},"involvedObject":{"name":"web"},"reason":"Pulling","type":"Normal","eventTime":"2026-08-22T10:00:00.123456Z"}
            ]}
            """));
        using var client = server.CreateClient();
        var pod = new Pod { Metadata = { Name = "web", Namespace = "shop", Uid = "u-1" } };

        var events = await client.ListEventsAsync(pod, Cancellation);

        events.Select(e => e.Reason).Should().Equal("Pulling", "BackOff");
        events[0].LastSeen.Should().Be(new DateTimeOffset(2026, 8, 22, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        var request = server.SingleRequest;
        request.Path.Should().Be("/api/v1/namespaces/shop/events");
        request.Query("fieldSelector").Should().Be("involvedObject.name=web,involvedObject.namespace=shop,involvedObject.uid=u-1");
    }

    [Fact]
    public async Task Events_of_a_cluster_scoped_object_are_searched_in_every_namespace()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"items\":[]}"));
        using var client = server.CreateClient();

        await client.ListEventsAsync(new Namespace { Metadata = { Name = "run-1" } }, Cancellation);

        server.SingleRequest.Path.Should().Be("/api/v1/events");
        server.SingleRequest.Query("fieldSelector").Should().Be("involvedObject.name=run-1");
    }

    [Fact]
    public async Task A_token_request_posts_the_expiration_and_returns_the_token_and_its_expiry()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, """
            {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"name":"notification-e2e-sa"},
             "spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":3600},
             "status":{"token":"eyJhbGciOi.issued","expirationTimestamp":"2026-08-22T11:00:00Z"}}
            """, 201));
        using var client = server.CreateClient();

        var token = await client.RequestServiceAccountTokenAsync("notification-e2e", "notification-e2e-sa", TimeSpan.FromHours(1),
            ["https://kubernetes.default.svc"], Cancellation);

        token.Token.Should().Be("eyJhbGciOi.issued");
        token.ExpiresAt.Should().Be(new DateTimeOffset(2026, 8, 22, 11, 0, 0, TimeSpan.Zero));
        token.Namespace.Should().Be("notification-e2e");
        var request = server.SingleRequest;
        request.Method.Should().Be("POST");
        request.PathAndQuery.Should().Be("/api/v1/namespaces/notification-e2e/serviceaccounts/notification-e2e-sa/token");
        var body = JsonNode.Parse(request.Body)!;
        body["apiVersion"]!.GetValue<string>().Should().Be("authentication.k8s.io/v1");
        body["kind"]!.GetValue<string>().Should().Be("TokenRequest");
        body["spec"]!["expirationSeconds"]!.GetValue<long>().Should().Be(3600);
        body["spec"]!["audiences"]![0]!.GetValue<string>().Should().Be("https://kubernetes.default.svc");
    }

    [Fact]
    public async Task A_token_request_answered_without_a_token_is_an_invalid_response()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Json(context, "{\"kind\":\"TokenRequest\",\"status\":{}}", 201));
        using var client = server.CreateClient();

        var act = () => client.RequestServiceAccountTokenAsync("ns", "sa", cancellationToken: Cancellation);

        (await act.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message.Should().Contain("the response is not a TokenRequest with status.token");
    }
}
