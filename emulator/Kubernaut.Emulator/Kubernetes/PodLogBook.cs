using System.Collections.Concurrent;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>
/// The log output of emulated workloads, kept per (namespace, deployment) and served by the pods/log endpoint of that
/// deployment's pods. Emulated services write here what their real containers would print to stdout.
/// </summary>
public sealed class PodLogBook(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string Namespace, string Deployment), List<LogLine>> _logs = new();

    public sealed record LogLine(DateTimeOffset Time, string Text);

    public void Append(string @namespace, string deployment, string line)
    {
        var lines = _logs.GetOrAdd((@namespace, deployment), _ => new List<LogLine>());
        lock (lines)
        {
            lines.Add(new LogLine(_time.GetUtcNow(), line));
        }
    }

    public IReadOnlyList<LogLine> Read(string @namespace, string deployment)
    {
        if (!_logs.TryGetValue((@namespace, deployment), out var lines))
        {
            return [];
        }
        lock (lines)
        {
            return lines.ToList();
        }
    }
}
