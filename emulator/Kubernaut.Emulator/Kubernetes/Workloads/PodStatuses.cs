using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Faults;

namespace Kubernaut.Emulator.Kubernetes.Workloads;

/// <summary>Where an emulated pod is in its life, as the kubelet would report it.</summary>
public enum PodState
{
    ContainerCreating,
    Running,
    ErrImagePull,
    ImagePullBackOff,
    CrashLoopBackOff,
}

/// <summary>The runtime facts of one pod that its status is built from.</summary>
public sealed record PodRuntime(PodState State, DateTimeOffset Since, int RestartCount, TimeSpan BackOff, DateTimeOffset? LastTerminatedAt);

/// <summary>
/// Builds pod status documents the way the kubelet reports them: phase, the four conditions, and per container
/// ready/started/restartCount/image/imageID/containerID with state running, or waiting with the reason and message of
/// a pull failure or a crash loop.
/// </summary>
public static class PodStatuses
{
    public const string HostIp = "172.18.0.2";

    public static PodState ForFailure(PodFailure? failure) => failure switch
    {
        PodFailure.ErrImagePull => PodState.ErrImagePull,
        PodFailure.ImagePullBackOff => PodState.ImagePullBackOff,
        PodFailure.CrashLoopBackOff => PodState.CrashLoopBackOff,
        _ => PodState.Running,
    };

    public static JsonObject Build(JsonObject pod, PodRuntime runtime, string podIp)
    {
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var running = runtime.State == PodState.Running;
        var pulled = runtime.State is PodState.Running or PodState.CrashLoopBackOff;
        var since = ObjectMeta.Timestamp(runtime.Since);
        var created = ObjectMeta.ReadString(pod["metadata"]?["creationTimestamp"]) ?? since;
        var unready = $"containers with unready status: [{string.Join(" ", containers.Select(c => (string?)c["name"]))}]";
        var status = new JsonObject
        {
            ["phase"] = pulled ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", runtime.State != PodState.ContainerCreating, created),
                Condition("Initialized", true, created),
                Condition("Ready", running, since, running ? null : "ContainersNotReady", running ? null : unready),
                Condition("ContainersReady", running, since, running ? null : "ContainersNotReady", running ? null : unready),
                Condition("PodScheduled", true, created)),
            ["hostIP"] = HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp }),
            ["qosClass"] = "BestEffort",
            ["startTime"] = created,
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)ContainerStatus(pod, c, runtime, pulled)).ToArray()),
        };
        if (runtime.State != PodState.ContainerCreating)
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        return status;
    }

    /// <summary>The message of the pull error, as containerd words a missing image.</summary>
    public static string PullError(string image) =>
        $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found";

    public static string CrashLoopMessage(JsonObject pod, string container, TimeSpan backOff) =>
        $"back-off {FormatBackOff(backOff)} restarting failed container={container} pod={ObjectMeta.Name(pod)}_{ObjectMeta.Namespace(pod)}({ObjectMeta.Uid(pod)})";

    private static JsonObject ContainerStatus(JsonObject pod, JsonObject container, PodRuntime runtime, bool pulled)
    {
        var name = (string?)container["name"] ?? "";
        var image = (string?)container["image"] ?? "";
        var running = runtime.State == PodState.Running;
        var status = new JsonObject
        {
            ["name"] = name,
            ["image"] = image,
            ["imageID"] = pulled ? ImageId(image) : "",
            ["ready"] = running,
            ["started"] = running,
            ["restartCount"] = runtime.RestartCount,
            ["state"] = runtime.State switch
            {
                PodState.Running => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectMeta.Timestamp(runtime.Since) } },
                PodState.ContainerCreating => Waiting("ContainerCreating", null),
                PodState.ErrImagePull => Waiting("ErrImagePull", PullError(image)),
                PodState.ImagePullBackOff => Waiting("ImagePullBackOff", $"Back-off pulling image \"{image}\": ErrImagePull: {PullError(image)}"),
                _ => Waiting("CrashLoopBackOff", CrashLoopMessage(pod, name, runtime.BackOff)),
            },
            ["lastState"] = new JsonObject(),
        };
        if (pulled)
        {
            status["containerID"] = "containerd://" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ObjectMeta.Uid(pod)}/{name}/{runtime.RestartCount}")));
        }
        if (runtime.LastTerminatedAt is { } terminated)
        {
            status["lastState"] = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = 1,
                    ["reason"] = "Error",
                    ["startedAt"] = ObjectMeta.Timestamp(terminated - TimeSpan.FromSeconds(1)),
                    ["finishedAt"] = ObjectMeta.Timestamp(terminated),
                    ["containerID"] = status["containerID"]?.DeepClone(),
                },
            };
        }
        return status;
    }

    public static string ImageId(string image)
    {
        var repository = image.Contains(':', StringComparison.Ordinal) ? image[..image.LastIndexOf(':')] : image;
        return $"{repository}@sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))}";
    }

    private static JsonObject Waiting(string reason, string? message)
    {
        var waiting = new JsonObject { ["reason"] = reason };
        if (message is not null)
        {
            waiting["message"] = message;
        }
        return new JsonObject { ["waiting"] = waiting };
    }

    private static JsonObject Condition(string type, bool status, string since, string? reason = null, string? message = null)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since,
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
            condition["message"] = message;
        }
        return condition;
    }

    private static string FormatBackOff(TimeSpan backOff) =>
        backOff.TotalMinutes >= 1 ? $"{(int)backOff.TotalMinutes}m{backOff.Seconds}s" : $"{Math.Max(1, (int)Math.Round(backOff.TotalSeconds))}s";
}
