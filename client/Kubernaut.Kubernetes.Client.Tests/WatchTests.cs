using Microsoft.AspNetCore.Http;

namespace Kubernaut.Kubernetes.Client.Tests;

public sealed class WatchTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static object Event(string type, string name, string resourceVersion, string phase = "Pending") => new
    {
        type,
        @object = new { apiVersion = "kubernaut.ai/v1alpha1", kind = "NotificationRequest", metadata = new { name, resourceVersion }, status = new { phase } },
    };

    [Fact]
    public async Task A_watch_streams_typed_events_from_a_resource_version()
    {
        await using var server = await FakeApiServer.StartAsync(async context =>
        {
            await Respond.Line(context, Event("ADDED", "n1", "11"));
            await Respond.Line(context, Event("MODIFIED", "n1", "12", "Sent"));
            await Respond.Line(context, Event("DELETED", "n1", "13", "Sent"));
        });
        using var client = server.CreateClient();

        var events = await Collect(client.Resources<NotificationRequest>().WatchAsync("ns", new WatchOptions
        {
            ResourceVersion = "10",
            LabelSelector = "run=r1",
            FieldSelector = "metadata.name=n1",
            TimeoutSeconds = 60,
            AllowBookmarks = true,
        }, Cancellation));

        events.Select(e => (e.Type, e.Object!.Metadata.ResourceVersion, e.Object.Status!.Phase)).Should().Equal(
            (WatchEventType.Added, "11", "Pending"), (WatchEventType.Modified, "12", "Sent"), (WatchEventType.Deleted, "13", "Sent"));
        var request = server.SingleRequest;
        request.Path.Should().Be("/apis/kubernaut.ai/v1alpha1/namespaces/ns/notificationrequests");
        request.Query("watch").Should().Be("true");
        request.Query("resourceVersion").Should().Be("10");
        request.Query("labelSelector").Should().Be("run=r1");
        request.Query("fieldSelector").Should().Be("metadata.name=n1");
        request.Query("timeoutSeconds").Should().Be("60");
        request.Query("allowWatchBookmarks").Should().Be("true");
    }

    [Fact]
    public async Task Events_arrive_as_the_server_sends_them_not_when_the_stream_ends()
    {
        var secondEventReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeApiServer.StartAsync(async context =>
        {
            await Respond.Line(context, Event("ADDED", "n1", "1"));
            await secondEventReleased.Task.WaitAsync(context.RequestAborted);
            await Respond.Line(context, Event("MODIFIED", "n1", "2"));
        });
        using var client = server.CreateClient();
        var seen = new List<string?>();

        await foreach (var change in client.Resources<NotificationRequest>().WatchAsync("ns", cancellationToken: Cancellation))
        {
            seen.Add(change.Object!.Metadata.ResourceVersion);
            secondEventReleased.TrySetResult();
        }

        seen.Should().Equal("1", "2");
    }

    [Fact]
    public async Task A_watch_outlives_the_request_timeout_once_the_stream_has_started()
    {
        await using var server = await FakeApiServer.StartAsync(async context =>
        {
            await Respond.Line(context, Event("ADDED", "n1", "1"));
            // A quiet stream: the next event comes after the client's 1 s request timeout has passed (1 s, not less,
            // so that a loaded machine still answers the request itself in time).
            await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
            await Respond.Line(context, Event("MODIFIED", "n1", "2"));
        });
        using var client = server.CreateClient(options: new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(1) });

        var events = await Collect(client.Resources<NotificationRequest>().WatchAsync("ns", cancellationToken: Cancellation));

        events.Select(e => e.Object!.Metadata.ResourceVersion).Should().Equal("1", "2");
    }

    [Fact]
    public async Task A_bookmark_carries_the_resource_version_to_resume_from()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Line(context, "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"99\"}}}"));
        using var client = server.CreateClient();

        var events = await Collect(client.Resources<Pod>().WatchAsync(cancellationToken: Cancellation));

        events.Should().ContainSingle().Which.Should().Match<WatchEvent<Pod>>(e => e.Type == WatchEventType.Bookmark && e.Object!.Metadata.ResourceVersion == "99");
        server.SingleRequest.Path.Should().Be("/api/v1/pods");
    }

    [Fact]
    public async Task An_expired_resource_version_is_yielded_as_an_ERROR_event_that_ends_the_watch()
    {
        await using var server = await FakeApiServer.StartAsync(async context =>
        {
            await Respond.Line(context, Event("ADDED", "n1", "5"));
            await Respond.Line(context, new
            {
                type = "ERROR",
                @object = new { kind = "Status", apiVersion = "v1", status = "Failure", message = "too old resource version: 5 (4000)", reason = "Expired", code = 410 },
            });
            await Respond.Line(context, Event("MODIFIED", "n1", "6"));
        });
        using var client = server.CreateClient();

        var events = await Collect(client.Resources<NotificationRequest>().WatchAsync("ns", new WatchOptions { ResourceVersion = "5" }, Cancellation));

        events.Should().HaveCount(2, "nothing after an ERROR event belongs to the watch");
        var error = events[1];
        error.Type.Should().Be(WatchEventType.Error);
        error.Object.Should().BeNull();
        error.Error!.Message.Should().Be("too old resource version: 5 (4000)");
        error.IsResourceVersionExpired.Should().BeTrue();
        events[0].IsResourceVersionExpired.Should().BeFalse();
    }

    [Fact]
    public async Task A_watch_refused_with_410_Gone_throws_and_says_to_list_again()
    {
        await using var server = await FakeApiServer.StartAsync(context =>
            Respond.Status(context, 410, "Expired", "too old resource version: 1 (50)"));
        using var client = server.CreateClient();

        var act = () => Collect(client.Resources<Pod>().WatchAsync("ns", new WatchOptions { ResourceVersion = "1" }, Cancellation));

        var exception = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        exception.IsResourceVersionExpired.Should().BeTrue();
        exception.Message.Should().Be(
            $"GET {server.Url}api/v1/namespaces/ns/pods?watch=true&resourceVersion=1: 410 Gone: too old resource version: 1 (50). " +
            "Fix: list again and continue or watch from the new list's resourceVersion; the one used is too old.");
    }

    [Fact]
    public async Task Cancelling_a_watch_stops_it_and_closes_the_connection()
    {
        var connectionClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeApiServer.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => connectionClosed.TrySetResult());
            await Respond.Line(context, Event("ADDED", "n1", "1"));
            await connectionClosed.Task;
        });
        using var client = server.CreateClient();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var act = async () =>
        {
            await foreach (var _ in client.Resources<NotificationRequest>().WatchAsync("ns", cancellationToken: stop.Token))
            {
                await stop.CancelAsync();
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        await connectionClosed.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
    }

    [Fact]
    public async Task A_line_that_is_not_a_watch_event_is_reported_as_an_invalid_response()
    {
        await using var server = await FakeApiServer.StartAsync(context => Respond.Line(context, "<html>proxy error</html>"));
        using var client = server.CreateClient();

        var act = () => Collect(client.Resources<Pod>().WatchAsync("ns", cancellationToken: Cancellation));

        var exception = (await act.Should().ThrowAsync<KubernetesConnectionException>()).Which;
        exception.Failure.Should().Be(KubernetesConnectionFailure.InvalidResponse);
        exception.Message.Should().Contain("the response is not a watch event ({\"type\": ..., \"object\": ...}) (<html>proxy error</html>)")
            .And.Contain("Fix: check that");
    }

    private static async Task<List<WatchEvent<T>>> Collect<T>(IAsyncEnumerable<WatchEvent<T>> watch)
    {
        var events = new List<WatchEvent<T>>();
        await foreach (var change in watch)
        {
            events.Add(change);
        }

        return events;
    }
}
