using System.Text;
using Kubernaut.Acceptance.Support;
using Kubernaut.Kubernetes.Client;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Acceptance.Drivers;

/// <summary>What the cluster's workloads are doing: readiness that does not lie, logs and events for evidence.</summary>
public sealed class ClusterDriver(KubernetesClient kubernetes)
{
    /// <summary>Container waiting reasons that never heal by waiting (design.md section 4): stop at once and say so.</summary>
    public static readonly IReadOnlySet<string> TerminalWaitingReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff", "CreateContainerConfigError", "InvalidImageName",
    };

    /// <summary>
    /// Waits until every pod selected by <c>app=<paramref name="app"/></c> is Ready, stopping early on a terminal
    /// waiting reason; a failure shows each pod's phase, container states and recent events.
    /// </summary>
    public async Task<IReadOnlyList<Pod>> WaitForPodsReadyAsync(string @namespace, string app, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ready = await Eventually.UntilAsync(
            $"the pods of {@namespace}/{app} (label app={app}) to be Ready",
            async token =>
            {
                var pods = await ListPodsAsync(@namespace, app, token).ConfigureAwait(false);
                return new PodsSnapshot(pods, await DescribePodsAsync(pods, token).ConfigureAwait(false));
            },
            snapshot => snapshot.Pods.Count > 0 && snapshot.Pods.All(IsReady),
            snapshot => snapshot.Description,
            WaitPolicy.Within(timeout),
            cancellationToken,
            stopWhen: snapshot => snapshot.Pods.SelectMany(WaitingReasons).FirstOrDefault(TerminalWaitingReasons.Contains) is { } reason
                ? $"a container is in {reason}, which does not heal by waiting"
                : null).ConfigureAwait(false);
        return ready.Pods;
    }

    public async Task<string> LogsAsync(string @namespace, string app, int tailLines, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var pod in await ListPodsAsync(@namespace, app, cancellationToken).ConfigureAwait(false))
        {
            text.AppendLine($"--- {@namespace}/{pod.Metadata.Name} (last {tailLines} lines)");
            text.AppendLine(await kubernetes.ReadPodLogsAsync(pod.Metadata.Name!, @namespace, new PodLogOptions { TailLines = tailLines, Timestamps = true }, cancellationToken).ConfigureAwait(false));
        }
        return text.ToString();
    }

    /// <summary>The events of a namespace, oldest first, one line each.</summary>
    public async Task<string> EventsAsync(string @namespace, CancellationToken cancellationToken)
    {
        var events = (await kubernetes.Resources<Event>().ListAsync(@namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
        return events.Count == 0
            ? $"(no events in {@namespace})"
            : string.Join(Environment.NewLine, events
                .OrderBy(e => e.LastSeen)
                .Select(e => $"{e.LastSeen:HH:mm:ss} {e.Type,-7} {e.Reason,-26} {e.InvolvedObject.Kind}/{e.InvolvedObject.Name}: {e.Message}"));
    }

    private async Task<string> DescribePodsAsync(IReadOnlyList<Pod> pods, CancellationToken cancellationToken)
    {
        if (pods.Count == 0)
        {
            return "  no pods match the label yet";
        }
        var text = new StringBuilder();
        foreach (var pod in pods)
        {
            text.AppendLine($"  pod {pod.Metadata.Name}: phase {pod.Status?.Phase ?? "(none)"}, Ready={IsReady(pod)}");
            foreach (var container in pod.Status?.ContainerStatuses ?? [])
            {
                var state = container.State?.Waiting is { } waiting ? $"waiting: {waiting.Reason} {waiting.Message}"
                    : container.State?.Terminated is { } terminated ? $"terminated: {terminated.Reason} (exit {terminated.ExitCode})"
                    : "running";
                text.AppendLine($"    container {container.Name} ({container.Image}): {state}, restarts {container.RestartCount}");
            }
            foreach (var e in (await kubernetes.ListEventsAsync(pod, cancellationToken).ConfigureAwait(false)).TakeLast(5))
            {
                text.AppendLine($"    event {e.Type} {e.Reason}: {e.Message}");
            }
        }
        return text.ToString().TrimEnd();
    }

    private async Task<IReadOnlyList<Pod>> ListPodsAsync(string @namespace, string app, CancellationToken cancellationToken) =>
        (await kubernetes.Resources<Pod>().ListAsync(@namespace, new ListOptions { LabelSelector = $"app={app}" }, cancellationToken).ConfigureAwait(false)).Items;

    private sealed record PodsSnapshot(IReadOnlyList<Pod> Pods, string Description);

    private static bool IsReady(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static IEnumerable<string> WaitingReasons(Pod pod) =>
        (pod.Status?.ContainerStatuses ?? []).Select(c => c.State?.Waiting?.Reason).OfType<string>();
}
