using System.Collections.Concurrent;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>
/// The log output of emulated workloads, kept per (namespace, deployment) and served by the pods/log endpoint of that
/// deployment's pods. Emulated services write here what their real containers would print to stdout.
/// </summary>
public sealed class PodLogBook(TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string Namespace, string Deployment), LogStream> _logs = new();

    public sealed record LogLine(DateTimeOffset Time, string Text);

    public void Append(string @namespace, string deployment, string line)
    {
        var stream = _logs.GetOrAdd((@namespace, deployment), _ => new LogStream());
        TaskCompletionSource appended;
        lock (stream)
        {
            stream.Lines.Add(new LogLine(_time.GetUtcNow(), line));
            appended = stream.Appended;
            stream.Appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        appended.TrySetResult();
    }

    public IReadOnlyList<LogLine> Read(string @namespace, string deployment)
    {
        if (!_logs.TryGetValue((@namespace, deployment), out var stream))
        {
            return [];
        }
        lock (stream)
        {
            return stream.Lines.ToList();
        }
    }

    /// <summary>Completes once the deployment has more than <paramref name="knownCount"/> lines (how `kubectl logs -f` follows).</summary>
    public async Task WaitForLinesBeyondAsync(string @namespace, string deployment, int knownCount, CancellationToken cancellationToken)
    {
        var stream = _logs.GetOrAdd((@namespace, deployment), _ => new LogStream());
        while (true)
        {
            Task appended;
            lock (stream)
            {
                if (stream.Lines.Count > knownCount)
                {
                    return;
                }
                appended = stream.Appended.Task;
            }
            await appended.WaitAsync(cancellationToken);
        }
    }

    private sealed class LogStream
    {
        public List<LogLine> Lines { get; } = [];

        public TaskCompletionSource Appended { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
