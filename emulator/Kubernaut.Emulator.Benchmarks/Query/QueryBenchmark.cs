using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Benchmarks.Shared;
using Kubernaut.Emulator.DataStorage;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Security;
using Microsoft.Extensions.Logging.Abstractions;
using static System.FormattableString;

namespace Kubernaut.Emulator.Benchmarks.Query;

/// <summary>
/// Loads audit events into the emulated DataStorage through its HTTPS batch API, as the services' buffered audit
/// writers do, then times correlation-id-filtered GET /api/v1/audit/events queries as the suite makes them.
/// </summary>
internal static class QueryBenchmark
{
    private const string Token = "benchmark-token";
    private const int BatchSize = 1000;
    private const int ParallelLoaders = 4;

    private sealed record Settings(int Events, int CorrelationIds, int Queries, int Warmup, double P50TargetMs);

    public static Command CreateCommand()
    {
        var events = PositiveOption.Create("--events", 100_000, "Audit events to load");
        var correlationIds = PositiveOption.Create("--correlation-ids", 2_000, "Distinct correlation ids (remediations) the events are spread over");
        var queries = PositiveOption.Create("--queries", 5_000, "Timed queries");
        var warmup = PositiveOption.Create("--warmup", 500, "Untimed queries first (JIT, connection, TLS)");
        var target = new Option<double>("--p50-target-ms") { Description = "Fail (exit code 2) when p50 is not under this", DefaultValueFactory = _ => 5 };
        var command = new Command("query", "Loads audit events over HTTPS, then reports p50/p95/p99 latency of correlation-id-filtered GET /api/v1/audit/events.")
        {
            events, correlationIds, queries, warmup, target,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(correlationIds) > result.GetValue(events))
            {
                result.AddError("--correlation-ids cannot exceed --events: every correlation id needs at least one event.");
            }
        });
        command.SetAction((parse, ct) => RunAsync(
            new Settings(parse.GetValue(events), parse.GetValue(correlationIds), parse.GetValue(queries), parse.GetValue(warmup), parse.GetValue(target)), ct));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        using var ca = CertificateAuthority.Create();
        var identity = new StaticIdentity(Token, UserInfo.ServiceAccount(KubernautFootprint.DefaultNamespace, KubernautFootprint.NotificationControllerServiceAccount));
        await using var dataStorage = await DataStorageService.StartAsync(
            DataStorageOptions.OnFreePorts(), ca, identity, identity, new FaultPlan(), NullLoggerFactory.Instance, ct);
        using var client = TrustingClient.Create(ca, dataStorage.ApiBaseAddress, Token);

        var workload = Workload.Generate(settings.Events, settings.CorrelationIds);
        var loading = Stopwatch.StartNew();
        await LoadAsync(client, workload, ct);
        loading.Stop();
        if (dataStorage.Store.Count != settings.Events)
        {
            Console.Error.WriteLine($"Loading failed: DataStorage holds {dataStorage.Store.Count} events, {settings.Events} were written.");
            return 1;
        }

        var random = new Random(7);
        for (var i = 0; i < settings.Warmup; i++)
        {
            await QueryAsync(client, workload.CorrelationIds[random.Next(workload.CorrelationIds.Count)], ct);
        }
        var samples = new List<TimeSpan>(settings.Queries);
        for (var i = 0; i < settings.Queries; i++)
        {
            var correlationId = workload.CorrelationIds[random.Next(workload.CorrelationIds.Count)];
            var started = Stopwatch.GetTimestamp();
            var body = await QueryAsync(client, correlationId, ct);
            samples.Add(Stopwatch.GetElapsedTime(started));
            if (i % 500 == 0 && Total(body) != workload.EventsPer[correlationId])
            {
                Console.Error.WriteLine($"Wrong answer: correlation id {correlationId} has {workload.EventsPer[correlationId]} events, the query reported {Total(body)}.");
                return 1;
            }
        }

        var report = new LatencyReport(samples);
        var perSecond = settings.Events / loading.Elapsed.TotalSeconds;
        Console.WriteLine("DataStorage query benchmark (Kubernaut Emulator)");
        Console.WriteLine(Invariant($"  loaded        {settings.Events:N0} events over {workload.CorrelationIds.Count:N0} correlation ids in {loading.Elapsed.TotalSeconds:F2} s ({perSecond:N0} events/s; batches of {BatchSize}, {ParallelLoaders} writers, HTTPS)"));
        Console.WriteLine(Invariant($"  query         GET /api/v1/audit/events?correlation_id=<id>&event_category=notification&limit=100 over HTTPS, one keep-alive connection"));
        Console.WriteLine(Invariant($"  samples       {report.Count:N0} timed after {settings.Warmup:N0} warm-up queries; {workload.EventsPer.Values.Average():F0} events per correlation id on average"));
        foreach (var line in report.Lines())
        {
            Console.WriteLine(line);
        }
        var met = report.P50 < settings.P50TargetMs;
        Console.WriteLine(Invariant($"  target        p50 < {settings.P50TargetMs} ms: {(met ? "met" : "MISSED")}"));
        return met ? 0 : 2;
    }

    private static async Task LoadAsync(HttpClient client, Workload workload, CancellationToken ct)
    {
        var batches = workload.Events.Chunk(BatchSize).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelLoaders, CancellationToken = ct }, async (batch, token) =>
        {
            using var content = new StringContent(new JsonArray([.. batch]).ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("api/v1/audit/events/batch", content, token);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Loading a batch failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        });
    }

    private static async Task<byte[]> QueryAsync(HttpClient client, string correlationId, CancellationToken ct)
    {
        using var response = await client.GetAsync($"api/v1/audit/events?correlation_id={Uri.EscapeDataString(correlationId)}&event_category=notification&limit=100", ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"A query failed with {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
    }

    private static int Total(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("pagination").GetProperty("total").GetInt32();
    }
}
