using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubernaut.Emulator.Tests.Notification.Support;

/// <summary>
/// A Notification controller running against an in-process object store, with a fake DataStorage batch endpoint that
/// records what the audit writers send, plus the waits and lookups the tests share.
/// </summary>
internal sealed class NotificationHarness : IAsyncDisposable
{
    public const string Namespace = "notification-e2e";

    /// <summary>Audit assertions hold for this long after the expected count is reached (several flush intervals).</summary>
    public static readonly TimeSpan SettleWindow = TimeSpan.FromMilliseconds(400);

    private NotificationHarness(ObjectStore store, PodLogBook logs, CertificateAuthority ca, FakeDataStorage dataStorage, FakeTokenIssuer tokens, FaultPlan faults, NotificationController controller)
    {
        Store = store;
        Logs = logs;
        Ca = ca;
        DataStorage = dataStorage;
        Tokens = tokens;
        Faults = faults;
        Controller = controller;
    }

    public ObjectStore Store { get; }
    public PodLogBook Logs { get; }
    public CertificateAuthority Ca { get; }
    public FakeDataStorage DataStorage { get; }
    public FakeTokenIssuer Tokens { get; }
    public FaultPlan Faults { get; }
    public NotificationController Controller { get; }

    public static async Task<NotificationHarness> StartAsync(TimeProvider? time = null, Action<ObjectStore>? seed = null)
    {
        time ??= TimeProvider.System;
        var store = new ObjectStore(time);
        seed?.Invoke(store);
        var logs = new PodLogBook(time);
        var ca = CertificateAuthority.Create();
        var dataStorage = await FakeDataStorage.StartAsync(ca);
        var tokens = new FakeTokenIssuer();
        var faults = new FaultPlan(time);
        var options = new NotificationControllerOptions
        {
            Namespace = Namespace,
            AuditFlushInterval = TimeSpan.FromMilliseconds(50),
            AuditRetryBackoffUnit = TimeSpan.FromMilliseconds(10),
            DataStorageHealthUrl = dataStorage.HealthUrl,
            Workers = 2,
        };
        var controller = await NotificationControllerService.StartAsync(options, store, new EventRecorder(store, time), logs, ca, tokens,
            dataStorage.BaseAddress, faults, NullLoggerFactory.Instance, time, TestContext.Current.CancellationToken);
        return new NotificationHarness(store, logs, ca, dataStorage, tokens, faults, controller);
    }

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        await DataStorage.DisposeAsync();
        Ca.Dispose();
        if (Directory.Exists(Controller.OutputDirectory))
        {
            Directory.Delete(Controller.OutputDirectory, recursive: true);
        }
    }

    /// <summary>Creates a NotificationRequest routed by test-channel-set (none → root receiver default-console).</summary>
    public JsonObject Create(string name, string? channelSet = null, int? maxAttempts = null, string priority = "Critical", string type = "Simple",
        string? remediationRequest = null, string? subject = null, string body = "Pod payment-api restarted 5 times", IDictionary<string, string>? extensions = null, string? clusterId = null)
    {
        var ext = new JsonObject();
        if (channelSet is not null)
        {
            ext["test-channel-set"] = channelSet;
        }
        foreach (var (key, value) in extensions ?? new Dictionary<string, string>())
        {
            ext[key] = value;
        }
        var spec = new JsonObject
        {
            ["type"] = type,
            ["priority"] = priority,
            ["subject"] = subject ?? $"Test notification {name}",
            ["body"] = body,
            ["extensions"] = ext,
        };
        if (remediationRequest is not null)
        {
            spec["remediationRequestRef"] = new JsonObject { ["name"] = remediationRequest, ["namespace"] = Namespace, ["kind"] = "RemediationRequest" };
            spec["context"] = new JsonObject { ["lineage"] = new JsonObject { ["remediationRequest"] = remediationRequest } };
        }
        if (maxAttempts is not null)
        {
            spec["retryPolicy"] = new JsonObject { ["maxAttempts"] = maxAttempts, ["initialBackoffSeconds"] = 1, ["backoffMultiplier"] = 1, ["maxBackoffSeconds"] = 60 };
        }
        if (clusterId is not null)
        {
            spec["clusterID"] = clusterId;
        }
        return Store.Create(ResourceKinds.NotificationRequest, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
            ["spec"] = spec,
        });
    }

    public JsonObject Get(string name) => Store.GetRequired(ResourceKinds.NotificationRequest, Namespace, name);

    /// <summary>Waits until the NotificationRequest reaches <paramref name="phase"/>; fails early when it ends in another terminal phase.</summary>
    public async Task<JsonObject> WaitForPhaseAsync(string name, string phase, TimeSpan? timeout = null)
    {
        var reached = await Eventually.Until(() => Get(name), nr => Phase(nr) == phase || IsTerminal(Phase(nr)), $"NotificationRequest {name} to reach phase {phase}", timeout, DescribeStatus);
        Phase(reached).Should().Be(phase, "NotificationRequest {0} ended with status {1}", name, DescribeStatus(reached));
        return reached;
    }

    /// <summary>
    /// Waits until the controller's audit events for <paramref name="correlationId"/> are exactly <paramref name="expected"/>
    /// (type → count, nothing else), then checks they stay exact for the settle window.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ExpectControllerAuditAsync(string correlationId, params (string Type, int Count)[] expected)
    {
        IReadOnlyList<JsonObject> Observe() => DataStorage.EventsFor(correlationId).Where(e => (string?)e["actor_id"] == NotificationNames.Controller).ToList();
        bool Exact(IReadOnlyList<JsonObject> events) =>
            events.Count == expected.Sum(e => e.Count) && expected.All(e => events.Count(x => (string?)x["event_type"] == e.Type) == e.Count);
        var awaited = $"exactly {string.Join(" + ", expected.Select(e => $"{e.Count} {e.Type}"))} for correlation id {correlationId}";
        await Eventually.Until(Observe, Exact, awaited, describe: DescribeAudit);
        await Eventually.Stays(Observe, Exact, awaited, SettleWindow, DescribeAudit);
        return Observe();
    }

    public IReadOnlyList<JsonObject> KubernetesEvents(string name) =>
        Store.List(ResourceKinds.Event, Namespace).Items.Where(e => (string?)e["involvedObject"]?["name"] == name).ToList();

    public IReadOnlyList<string> ControllerLog() => Logs.Read(Namespace, NotificationNames.Controller).Select(l => l.Text).ToList();

    public static string Phase(JsonObject nr) => (string?)nr["status"]?["phase"] ?? "";

    public static JsonArray Attempts(JsonObject nr) => nr["status"]?["deliveryAttempts"] as JsonArray ?? [];

    public static JsonObject Condition(JsonObject nr, string type) =>
        (nr["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().SingleOrDefault(c => (string?)c["type"] == type)
        ?? throw new Xunit.Sdk.XunitException($"condition {type} not set; status: {DescribeStatus(nr)}");

    public static string DescribeStatus(JsonObject nr) => nr["status"]?.ToJsonString() ?? "(no status)";

    public static string DescribeAudit(IReadOnlyList<JsonObject> events) => events.Count == 0 ? "no events"
        : string.Join("; ", events.Select(e => $"{e["event_type"]} actor={e["actor_id"]} channel={e["event_data"]?["channel"]} at {e["event_timestamp"]}"));

    private static bool IsTerminal(string phase) => phase is "Sent" or "PartiallySent" or "Failed";
}

/// <summary>Assertions on JSON documents.</summary>
internal static class JsonAssert
{
    public static void ShouldEqualJson(JsonNode? actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue("expected {0}{1}but found {2}", expected.ToJsonString(), Environment.NewLine, actual?.ToJsonString() ?? "null");
}
