using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Reconciliation;
using Kubernaut.Emulator.Tests.Notification.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubernaut.Emulator.Tests.Notification;

/// <summary>The work queue and watch loop the controller is built on.</summary>
public sealed class ReconcileInfrastructureTests
{
    private static readonly NotificationKey A = new("ns", "a");
    private static readonly NotificationKey B = new("ns", "b");

    [Fact]
    public async Task A_key_is_queued_once_and_a_change_during_processing_requeues_it_once()
    {
        using var queue = new ReconcileQueue(TimeProvider.System);
        queue.Add(A);
        queue.Add(A);
        queue.Add(B);

        var first = await queue.TakeAsync(TestContext.Current.CancellationToken);
        queue.Add(A);
        queue.Add(A);
        var second = await queue.TakeAsync(TestContext.Current.CancellationToken);
        queue.Done(first!.Value);
        var third = await queue.TakeAsync(TestContext.Current.CancellationToken);
        queue.Done(second!.Value);
        queue.Done(third!.Value);

        new[] { first, second, third }.Should().Equal(A, B, A);
        queue.Add(B);
        (await queue.TakeAsync(TestContext.Current.CancellationToken)).Should().Be(B, "nothing else was left queued");
    }

    [Fact]
    public async Task A_delayed_add_fires_on_the_clock_and_keeps_the_earliest_due_time()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        using var queue = new ReconcileQueue(clock);
        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.AddAfter(A, TimeSpan.FromSeconds(20));

        clock.Advance(TimeSpan.FromSeconds(9));
        queue.Add(B);
        (await queue.TakeAsync(TestContext.Current.CancellationToken)).Should().Be(B, "A is not due before 10 s");
        clock.Advance(TimeSpan.FromSeconds(1));

        (await queue.TakeAsync(TestContext.Current.CancellationToken)).Should().Be(A);
    }

    [Fact]
    public async Task A_watch_resuming_from_an_expired_resource_version_relists()
    {
        var store = new ObjectStore();
        const int HistoryCapacity = 100_000;
        var first = store.Create(ResourceKinds.ConfigMap, ConfigMap("first"));
        // Push the change right after "first" out of the store's watch history, so resuming from "first" is 410 Gone.
        for (var i = 0; i <= HistoryCapacity; i++)
        {
            store.Create(ResourceKinds.Event, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"e{i}", ["namespace"] = "other" } });
        }
        var seen = new List<string>();
        using var stop = new CancellationTokenSource();
        var log = new ControllerLog(new PodLogBook(), "ns", "test", NullLogger.Instance, TimeProvider.System);

        var watching = ResilientWatch.RunAsync(store, ResourceKinds.ConfigMap, "ns", ObjectMeta.ResourceVersion(first),
            change => { lock (seen) { seen.Add($"{change.WireType} {ObjectMeta.Name(change.Object)}"); } }, log, TimeProvider.System, stop.Token);
        store.Create(ResourceKinds.ConfigMap, ConfigMap("second"));

        await Eventually.Until(() => { lock (seen) { return seen.ToList(); } }, s => s.Contains("ADDED second"), "the relisted and the new ConfigMap", describe: s => string.Join(", ", s));
        seen.Should().Contain("ADDED first", "the expired resume point forces a relist of every object");
        await stop.CancelAsync();
        await watching;
    }

    private static JsonObject ConfigMap(string name) => new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" } };
}
