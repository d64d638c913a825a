using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kubernaut.Emulator.Faults;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Kubernetes.Workloads;

/// <summary>How fast emulated containers crash-loop: the kubelet's back-off starts at 10 s and doubles up to 5 min.</summary>
public sealed record WorkloadTimings
{
    public TimeSpan CrashLoopBackOffInitial { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan CrashLoopBackOffMax { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The deployment controller, ReplicaSet controller and kubelet of the emulated cluster in one: every Deployment gets
/// spec.replicas pods named &lt;deployment&gt;-&lt;pod-template-hash&gt;-&lt;suffix&gt; (recreated when deleted, replaced when
/// the template changes), each pod goes ContainerCreating → Running/Ready with the kubelet's events, or, while
/// <see cref="FaultPlan.StickDeployment"/> holds its deployment, stays not Ready with ErrImagePull, ImagePullBackOff or
/// CrashLoopBackOff (restartCount growing with the kubelet's back-off) and the matching events; Deployment status
/// (replicas, ready/available/updated, Available and Progressing conditions) follows its pods. Bare pods just run.
/// </summary>
public sealed class WorkloadController : IAsyncDisposable
{
    public const string NodeName = "kubernaut-emulator-control-plane";
    public const string TemplateHashLabel = "pod-template-hash";

    private readonly ObjectStore _store;
    private readonly EventRecorder _events;
    private readonly FaultPlan _faults;
    private readonly TimeProvider _time;
    private readonly WorkloadTimings _timings;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    private readonly Dictionary<string, PodRuntime> _runtimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _podIps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITimer> _restartTimers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _restartsDue = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<ObjectWatch> _watches = [];
    private Task _running = Task.CompletedTask;
    private int _nextPodIp = 10;

    public WorkloadController(ObjectStore store, EventRecorder events, FaultPlan faults, ILogger<WorkloadController> logger, TimeProvider? time = null, WorkloadTimings? timings = null)
    {
        _store = store;
        _events = events;
        _faults = faults;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _timings = timings ?? new WorkloadTimings();
    }

    private enum WorkKind
    {
        Deployment,
        BarePod,
    }

    private sealed record WorkItem(WorkKind Kind, string Namespace, string Name);

    /// <summary>Brings every deployment and bare pod to its desired state now, on the calling thread.</summary>
    public void ReconcileAll()
    {
        foreach (var deployment in _store.List(ResourceKinds.Deployment).Items)
        {
            ReconcileSafely(new WorkItem(WorkKind.Deployment, ObjectMeta.Namespace(deployment), ObjectMeta.Name(deployment)));
        }
        foreach (var pod in _store.List(ResourceKinds.Pod).Items.Where(p => OwnerDeployment(p) is null))
        {
            ReconcileSafely(new WorkItem(WorkKind.BarePod, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod)));
        }
    }

    /// <summary>Starts following changes from now on (deployments, pod deletions, new bare pods, fault changes).</summary>
    public void Start()
    {
        var from = _store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var deployments = _store.Watch(ResourceKinds.Deployment, fromResourceVersion: from);
        var pods = _store.Watch(ResourceKinds.Pod, fromResourceVersion: from);
        _watches.AddRange([deployments, pods]);
        _faults.Changed += OnFaultsChanged;
        _running = Task.WhenAll(
            Task.Run(() => ForwardAsync(deployments, change => new WorkItem(WorkKind.Deployment, ObjectMeta.Namespace(change.Object), ObjectMeta.Name(change.Object)))),
            Task.Run(() => ForwardAsync(pods, PodWork)),
            Task.Run(ProcessAsync));
    }

    public async ValueTask DisposeAsync()
    {
        _faults.Changed -= OnFaultsChanged;
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        foreach (var watch in _watches)
        {
            watch.Dispose();
        }
        lock (_gate)
        {
            foreach (var timer in _restartTimers.Values)
            {
                timer.Dispose();
            }
            _restartTimers.Clear();
        }
        await _running;
        _stopping.Dispose();
    }

    /// <summary>The deployment a pod belongs to (from its ReplicaSet owner), or null for a bare pod.</summary>
    public static string? OwnerDeployment(JsonObject pod)
    {
        var hash = ObjectMeta.Labels(pod).GetValueOrDefault(TemplateHashLabel);
        var owner = (pod["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(o => (string?)o["kind"] == "ReplicaSet");
        var replicaSet = (string?)owner?["name"];
        return hash is { Length: > 0 } && replicaSet is not null && replicaSet.EndsWith("-" + hash, StringComparison.Ordinal)
            ? replicaSet[..^(hash.Length + 1)]
            : null;
    }

    private static WorkItem? PodWork(WatchEvent change)
    {
        var deployment = OwnerDeployment(change.Object);
        return change.Type switch
        {
            WatchEventType.Deleted when deployment is not null => new WorkItem(WorkKind.Deployment, ObjectMeta.Namespace(change.Object), deployment),
            WatchEventType.Added when deployment is null => new WorkItem(WorkKind.BarePod, ObjectMeta.Namespace(change.Object), ObjectMeta.Name(change.Object)),
            _ => null,
        };
    }

    private async Task ForwardAsync(ObjectWatch watch, Func<WatchEvent, WorkItem?> toWork)
    {
        try
        {
            await foreach (var change in watch.Events.ReadAllAsync(_stopping.Token))
            {
                if (toWork(change) is { } work)
                {
                    _queue.Writer.TryWrite(work);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ProcessAsync()
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                ReconcileSafely(work);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void OnFaultsChanged()
    {
        foreach (var deployment in _store.List(ResourceKinds.Deployment).Items)
        {
            _queue.Writer.TryWrite(new WorkItem(WorkKind.Deployment, ObjectMeta.Namespace(deployment), ObjectMeta.Name(deployment)));
        }
    }

    private void ReconcileSafely(WorkItem work)
    {
        try
        {
            lock (_gate)
            {
                if (work.Kind == WorkKind.Deployment)
                {
                    ReconcileDeployment(work.Namespace, work.Name);
                }
                else if (_store.Get(ResourceKinds.Pod, work.Namespace, work.Name) is { } pod)
                {
                    EnsurePodState(pod, PodState.Running);
                }
            }
        }
        catch (ApiException ex)
        {
            // The object changed or went away under us (e.g. its namespace was deleted); the next event reconciles again.
            _logger.LogDebug("Reconciling {Kind} {Namespace}/{Name} stopped: {Message}", work.Kind, work.Namespace, work.Name, ex.Message);
        }
    }

    private void ReconcileDeployment(string @namespace, string name)
    {
        var owned = _store.List(ResourceKinds.Pod, @namespace).Items.Where(p => OwnerDeployment(p) == name).ToList();
        var deployment = _store.Get(ResourceKinds.Deployment, @namespace, name);
        if (deployment is null)
        {
            owned.ForEach(DeletePod);
            return;
        }
        var hash = PodTemplateHash.Compute(deployment["spec"]?["template"]);
        var replicas = (int)ObjectMeta.ReadInt64(deployment["spec"]?["replicas"]);
        foreach (var outdated in owned.Where(p => ObjectMeta.Labels(p).GetValueOrDefault(TemplateHashLabel) != hash).GroupBy(p => ObjectMeta.Labels(p)[TemplateHashLabel]))
        {
            _events.Record(deployment, "Normal", "ScalingReplicaSet", $"Scaled down replica set {name}-{outdated.Key} from {outdated.Count()} to 0", "deployment-controller");
            outdated.ToList().ForEach(DeletePod);
        }
        var current = owned.Where(p => ObjectMeta.Labels(p).GetValueOrDefault(TemplateHashLabel) == hash).OrderBy(ObjectMeta.ResourceVersionNumber).ToList();
        if (current.Count != replicas)
        {
            var direction = current.Count < replicas ? "up" : "down";
            _events.Record(deployment, "Normal", "ScalingReplicaSet", $"Scaled {direction} replica set {name}-{hash} from {current.Count} to {replicas}", "deployment-controller");
        }
        while (current.Count > replicas)
        {
            DeletePod(current[^1]);
            current.RemoveAt(current.Count - 1);
        }
        while (current.Count < replicas)
        {
            current.Add(CreatePod(deployment, hash));
        }
        var state = PodStatuses.ForFailure(_faults.DeploymentFailure(@namespace, name));
        var pods = current.Select(pod => EnsurePodState(pod, state)).ToList();
        UpdateDeploymentStatus(deployment, hash, pods);
    }

    private JsonObject CreatePod(JsonObject deployment, string hash)
    {
        var deploymentName = ObjectMeta.Name(deployment);
        var template = deployment["spec"]?["template"] as JsonObject ?? [];
        var labels = template["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        labels[TemplateHashLabel] = hash;
        var metadata = new JsonObject
        {
            ["name"] = $"{deploymentName}-{hash}-{SafeAlphabet.RandomSuffix()}",
            ["generateName"] = $"{deploymentName}-{hash}-",
            ["namespace"] = ObjectMeta.Namespace(deployment),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ReplicaSet",
                ["name"] = $"{deploymentName}-{hash}",
                ["uid"] = DerivedUid($"{ObjectMeta.Uid(deployment)}/{hash}"),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
        if (template["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }
        var spec = template["spec"]?.DeepClone() as JsonObject ?? [];
        spec["nodeName"] = NodeName;
        spec.TryAdd("serviceAccountName", "default");
        spec["serviceAccount"] = spec["serviceAccountName"]?.DeepClone();
        spec.TryAdd("enableServiceLinks", true);
        spec.TryAdd("priority", 0);
        spec.TryAdd("preemptionPolicy", "PreemptLowerPriority");
        var pending = new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
        pending["status"] = PodStatuses.Build(pending, new PodRuntime(PodState.ContainerCreating, _time.GetUtcNow(), 0, TimeSpan.Zero, null), podIp: "");
        var pod = _store.Create(ResourceKinds.Pod, pending);
        _events.Record(pod, "Normal", "Scheduled", $"Successfully assigned {ObjectMeta.Namespace(pod)}/{ObjectMeta.Name(pod)} to {NodeName}", "default-scheduler");
        return pod;
    }

    private void DeletePod(JsonObject pod)
    {
        var uid = ObjectMeta.Uid(pod);
        _runtimes.Remove(uid);
        _podIps.Remove(uid);
        _restartsDue.Remove(uid);
        if (_restartTimers.Remove(uid, out var timer))
        {
            timer.Dispose();
        }
        try
        {
            _store.Delete(ResourceKinds.Pod, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        }
        catch (ApiException ex) when (ex.Reason == "NotFound")
        {
            // Already gone (its namespace was deleted with it).
        }
    }

    /// <summary>Moves one pod to <paramref name="wanted"/> (or through its next crash-loop restart), writing status and events on change.</summary>
    private JsonObject EnsurePodState(JsonObject pod, PodState wanted)
    {
        var uid = ObjectMeta.Uid(pod);
        var now = _time.GetUtcNow();
        _runtimes.TryGetValue(uid, out var runtime);
        PodRuntime next;
        if (runtime is null || runtime.State != wanted)
        {
            next = wanted == PodState.CrashLoopBackOff
                ? new PodRuntime(wanted, now, (runtime?.RestartCount ?? 0) + 1, _timings.CrashLoopBackOffInitial, now)
                : new PodRuntime(wanted, now, runtime?.RestartCount ?? 0, TimeSpan.Zero, runtime?.LastTerminatedAt);
        }
        else if (wanted == PodState.CrashLoopBackOff && _restartsDue.Remove(uid))
        {
            var backOff = runtime.BackOff * 2 < _timings.CrashLoopBackOffMax ? runtime.BackOff * 2 : _timings.CrashLoopBackOffMax;
            next = runtime with { Since = now, RestartCount = runtime.RestartCount + 1, BackOff = backOff, LastTerminatedAt = now };
        }
        else
        {
            return pod;
        }
        _runtimes[uid] = next;
        RecordPodEvents(pod, next);
        ScheduleRestart(pod, next);
        if (!_podIps.TryGetValue(uid, out var ip))
        {
            ip = $"10.244.0.{_nextPodIp++ % 250 + 2}";
            _podIps[uid] = ip;
        }
        var status = PodStatuses.Build(pod, next, ip);
        return _store.Mutate(ResourceKinds.Pod, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod), p => p["status"] = status, subresource: "status");
    }

    private void ScheduleRestart(JsonObject pod, PodRuntime runtime)
    {
        var uid = ObjectMeta.Uid(pod);
        if (_restartTimers.Remove(uid, out var previous))
        {
            previous.Dispose();
        }
        if (runtime.State != PodState.CrashLoopBackOff)
        {
            return;
        }
        var work = OwnerDeployment(pod) is { } deployment
            ? new WorkItem(WorkKind.Deployment, ObjectMeta.Namespace(pod), deployment)
            : new WorkItem(WorkKind.BarePod, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        _restartTimers[uid] = _time.CreateTimer(_ =>
        {
            lock (_gate)
            {
                _restartsDue.Add(uid);
            }
            _queue.Writer.TryWrite(work);
        }, null, runtime.BackOff, Timeout.InfiniteTimeSpan);
    }

    private void RecordPodEvents(JsonObject pod, PodRuntime runtime)
    {
        foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string?)container["name"] ?? "";
            var image = (string?)container["image"] ?? "";
            switch (runtime.State)
            {
                case PodState.Running:
                    Started(pod, name, image);
                    break;
                case PodState.ErrImagePull:
                case PodState.ImagePullBackOff:
                    Kubelet(pod, "Normal", "Pulling", $"Pulling image \"{image}\"");
                    Kubelet(pod, "Warning", "Failed", $"Failed to pull image \"{image}\": {PodStatuses.PullError(image)}");
                    Kubelet(pod, "Warning", "Failed", "Error: ErrImagePull");
                    if (runtime.State == PodState.ImagePullBackOff)
                    {
                        // The kubelet records the pull back-off itself as Normal, and the resulting error as Warning.
                        Kubelet(pod, "Normal", "BackOff", $"Back-off pulling image \"{image}\"");
                        Kubelet(pod, "Warning", "Failed", "Error: ImagePullBackOff");
                    }
                    break;
                case PodState.CrashLoopBackOff:
                    Started(pod, name, image);
                    Kubelet(pod, "Warning", "BackOff", $"Back-off restarting failed container {name} in pod {ObjectMeta.Name(pod)}_{ObjectMeta.Namespace(pod)}({ObjectMeta.Uid(pod)})");
                    break;
            }
        }
    }

    private void Started(JsonObject pod, string container, string image)
    {
        Kubelet(pod, "Normal", "Pulled", $"Container image \"{image}\" already present on machine");
        Kubelet(pod, "Normal", "Created", $"Created container: {container}");
        Kubelet(pod, "Normal", "Started", $"Started container {container}");
    }

    private void Kubelet(JsonObject pod, string type, string reason, string message) => _events.Record(pod, type, reason, message, "kubelet");

    private void UpdateDeploymentStatus(JsonObject deployment, string hash, IReadOnlyList<JsonObject> pods)
    {
        var spec = deployment["spec"] as JsonObject ?? [];
        var replicas = (int)ObjectMeta.ReadInt64(spec["replicas"]);
        var ready = pods.Count(p => (p["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True"));
        var replicaSet = $"{ObjectMeta.Name(deployment)}-{hash}";
        var available = ready >= replicas - MaxUnavailable(spec, replicas);
        var progressed = ready == replicas;
        var previous = deployment["status"]?["conditions"] as JsonArray ?? [];
        var status = new JsonObject
        {
            ["observedGeneration"] = ObjectMeta.Generation(deployment),
            ["replicas"] = pods.Count,
            ["updatedReplicas"] = pods.Count,
        };
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }
        if (pods.Count - ready > 0)
        {
            status["unavailableReplicas"] = pods.Count - ready;
        }
        status["conditions"] = new JsonArray(
            DeploymentCondition(previous, "Available", available,
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
            DeploymentCondition(previous, "Progressing", true,
                progressed ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                progressed ? $"ReplicaSet \"{replicaSet}\" has successfully progressed." : $"ReplicaSet \"{replicaSet}\" is progressing."));
        if (!JsonNode.DeepEquals(status, deployment["status"]))
        {
            _store.Mutate(ResourceKinds.Deployment, ObjectMeta.Namespace(deployment), ObjectMeta.Name(deployment), d => d["status"] = status, subresource: "status");
        }
    }

    // maxUnavailable as an absolute number or a percentage of replicas rounded down (the deployment controller's rule).
    private static int MaxUnavailable(JsonObject spec, int replicas)
    {
        var value = spec["strategy"]?["rollingUpdate"]?["maxUnavailable"];
        var text = value?.ToString() ?? "25%";
        return text.EndsWith('%') && int.TryParse(text[..^1], CultureInfo.InvariantCulture, out var percent)
            ? replicas * percent / 100
            : (int)ObjectMeta.ReadInt64(value);
    }

    // Keeps the timestamps of a condition that did not change, so an unchanged deployment is not rewritten.
    private JsonObject DeploymentCondition(JsonArray previous, string type, bool status, string reason, string message)
    {
        var statusText = status ? "True" : "False";
        var now = ObjectMeta.Timestamp(_time.GetUtcNow());
        var old = previous.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var unchanged = old is not null && (string?)old["status"] == statusText && (string?)old["reason"] == reason && (string?)old["message"] == message;
        var transitioned = old is null || (string?)old["status"] != statusText;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = statusText,
            ["lastUpdateTime"] = unchanged ? old!["lastUpdateTime"]?.DeepClone() : now,
            ["lastTransitionTime"] = transitioned ? now : old!["lastTransitionTime"]?.DeepClone(),
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static string DerivedUid(string seed) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(seed))).ToString();
}
