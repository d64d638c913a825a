using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Benchmarks.Shared;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using static System.FormattableString;

namespace Kubernaut.Emulator.Benchmarks.Notifications;

/// <summary>
/// Creates NotificationRequests to console through the emulated Kubernetes API (as the suite does), then times how long
/// the Notification controller takes until every one is Sent, and until all their audit events (1 sent + 1 acknowledged
/// each) are queryable from the emulated DataStorage over HTTPS, with the controller's real 1 s audit flush.
/// </summary>
internal static class NotificationsBenchmark
{
    private const string RemediationPrefix = "bench-rr-";

    private sealed record Settings(int Notifications, int Namespaces, int FlushIntervalMs, int Parallelism, double TargetSeconds);

    public static Command CreateCommand()
    {
        var notifications = PositiveOption.Create("--notifications", 1_000, "NotificationRequests to create");
        var namespaces = PositiveOption.Create("--namespaces", 10, "Namespaces they are spread over");
        var flush = PositiveOption.Create("--flush-interval-ms", 1_000, "The controller's audit flush interval (Kubernaut's E2E config: 1000)");
        var parallelism = PositiveOption.Create("--parallelism", 16, "Concurrent create requests to the Kubernetes API");
        var target = new Option<double>("--target-seconds") { Description = "Fail (exit code 2) when the audit of every notification is not queryable within this", DefaultValueFactory = _ => 30 };
        var command = new Command("notifications", "Creates NotificationRequests to console, then reports the time until all are Sent and until all their audit events are queryable.")
        {
            notifications, namespaces, flush, parallelism, target,
        };
        command.SetAction((parse, ct) => RunAsync(
            new Settings(parse.GetValue(notifications), parse.GetValue(namespaces), parse.GetValue(flush), parse.GetValue(parallelism), parse.GetValue(target)), ct));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Notification = new NotificationControllerOptions { AuditFlushInterval = TimeSpan.FromMilliseconds(settings.FlushIntervalMs) },
        }, ct);
        using var kubernetes = TrustingClient.Create(host.CertificateAuthority, host.KubernetesApiUrl, host.AdminToken);
        using var dataStorage = TrustingClient.Create(host.CertificateAuthority, host.DataStorageApiUrl,
            host.Tokens.IssueToken(host.Namespace, NotificationNames.Controller, TimeSpan.FromHours(1)));
        var namespaces = Enumerable.Range(0, settings.Namespaces).Select(i => $"bench-notifications-{i}").ToList();
        foreach (var ns in namespaces)
        {
            await PostAsync(kubernetes, "api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, ct);
        }
        var expectedAudit = 2L * settings.Notifications;
        var clock = Stopwatch.StartNew();
        var sent = WatchSent(host.Store, settings.Notifications, clock, ct);
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Notifications), new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                var ns = namespaces[i % namespaces.Count];
                await PostAsync(kubernetes, $"apis/kubernaut.ai/v1alpha1/namespaces/{ns}/notificationrequests", Notification(i), token);
            });
        var created = clock.Elapsed;
        var allSent = await sent;
        var deadline = TimeSpan.FromSeconds(Math.Max(settings.TargetSeconds * 4, 60));
        long audited;
        while ((audited = await CountAsync(dataStorage, NotificationNames.EventSent, ct) + await CountAsync(dataStorage, NotificationNames.EventAcknowledged, ct)) < expectedAudit)
        {
            if (clock.Elapsed > deadline)
            {
                Console.Error.WriteLine(Invariant($"Gave up after {deadline.TotalSeconds:F0} s: {audited:N0} of {expectedAudit:N0} audit events are queryable. Controller log tail:"));
                foreach (var line in host.Logs.Read(host.Namespace, NotificationNames.Controller).TakeLast(20))
                {
                    Console.Error.WriteLine("  " + line.Text);
                }
                return 1;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
        var allAudited = clock.Elapsed;
        var wrong = await VerifySampleAsync(dataStorage, settings.Notifications, ct);
        if (wrong is not null)
        {
            Console.Error.WriteLine(wrong);
            return 1;
        }

        Console.WriteLine("Notification controller benchmark (Kubernaut Emulator)");
        Console.WriteLine(Invariant($"  workload      {settings.Notifications:N0} NotificationRequests to console over {settings.Namespaces} namespaces, created through the Kubernetes API ({settings.Parallelism} concurrent, HTTPS)"));
        Console.WriteLine(Invariant($"  controller    {host.Options.Notification.Workers} workers, audit batch {host.Options.Notification.AuditBatchSize}, flush every {settings.FlushIntervalMs} ms; {Environment.ProcessorCount} cores"));
        Console.WriteLine(Invariant($"  created       {created.TotalSeconds,7:F2} s"));
        Console.WriteLine(Invariant($"  all Sent      {allSent.TotalSeconds,7:F2} s  ({settings.Notifications / allSent.TotalSeconds:N0} notifications/s)"));
        Console.WriteLine(Invariant($"  all audited   {allAudited.TotalSeconds,7:F2} s  ({expectedAudit:N0} events queryable: {settings.Notifications:N0} sent + {settings.Notifications:N0} acknowledged)"));
        var met = allAudited.TotalSeconds < settings.TargetSeconds;
        Console.WriteLine(Invariant($"  target        all audit queryable in < {settings.TargetSeconds} s: {(met ? "met" : "MISSED")}"));
        return met ? 0 : 2;
    }

    /// <summary>Completes, with the <paramref name="clock"/>'s time, when every NotificationRequest has reached Sent.</summary>
    private static async Task<TimeSpan> WatchSent(ObjectStore store, int expected, Stopwatch clock, CancellationToken ct)
    {
        using var watch = store.Watch(ResourceKinds.NotificationRequest);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var change in watch.Events.ReadAllAsync(ct))
        {
            if ((string?)change.Object["status"]?["phase"] == "Sent" && sent.Add($"{ObjectMeta.Namespace(change.Object)}/{ObjectMeta.Name(change.Object)}") && sent.Count == expected)
            {
                return clock.Elapsed;
            }
        }
        throw new InvalidOperationException("The NotificationRequest watch ended before every notification was Sent.");
    }

    private static JsonObject Notification(int index) => new()
    {
        ["apiVersion"] = "kubernaut.ai/v1alpha1",
        ["kind"] = "NotificationRequest",
        ["metadata"] = new JsonObject { ["name"] = $"bench-{index:D5}" },
        ["spec"] = new JsonObject
        {
            ["type"] = "Simple",
            ["priority"] = "Medium",
            ["subject"] = $"Benchmark notification {index}",
            ["body"] = "Pod payment-api restarted 5 times in 10 minutes",
            ["remediationRequestRef"] = new JsonObject { ["name"] = RemediationPrefix + index.ToString(CultureInfo.InvariantCulture) },
        },
    };

    private static async Task PostAsync(HttpClient client, string path, JsonObject body, CancellationToken ct)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private static async Task<long> CountAsync(HttpClient dataStorage, string eventType, CancellationToken ct)
    {
        using var response = await dataStorage.GetAsync($"api/v1/audit/events?event_category=notification&event_type={eventType}&limit=1", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.StatusCode == HttpStatusCode.OK
            ? (long)JsonNode.Parse(body)!["pagination"]!["total"]!
            : throw new InvalidOperationException($"An audit query failed with {(int)response.StatusCode}: {body}");
    }

    /// <summary>Every correlation id must hold exactly its 2 events; checks a spread of them. Null when all are right.</summary>
    private static async Task<string?> VerifySampleAsync(HttpClient dataStorage, int notifications, CancellationToken ct)
    {
        foreach (var index in Enumerable.Range(0, 20).Select(i => i * notifications / 20).Distinct())
        {
            var body = JsonNode.Parse(await dataStorage.GetStringAsync($"api/v1/audit/events?correlation_id={RemediationPrefix}{index}&event_category=notification", ct))!;
            var total = (long)body["pagination"]!["total"]!;
            if (total != 2)
            {
                return $"Wrong answer: correlation id {RemediationPrefix}{index} holds {total} audit events, expected 2 (sent + acknowledged).";
            }
        }
        return null;
    }
}
