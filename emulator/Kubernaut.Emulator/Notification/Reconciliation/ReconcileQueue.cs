using System.Threading.Channels;
using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Notification.Reconciliation;

/// <summary>
/// client-go's rate-free work queue: a key is queued at most once, never processed by two workers at once, and re-queued
/// once after processing when it changed meanwhile; delayed adds use <see cref="TimeProvider"/> timers (RequeueAfter),
/// keeping only the earliest per key.
/// </summary>
internal sealed class ReconcileQueue(TimeProvider time) : IDisposable
{
    private readonly Channel<NotificationKey> _ready = Channel.CreateUnbounded<NotificationKey>();
    private readonly HashSet<NotificationKey> _queued = [];
    private readonly HashSet<NotificationKey> _processing = [];
    private readonly HashSet<NotificationKey> _dirty = [];
    private readonly Dictionary<NotificationKey, (ITimer Timer, DateTimeOffset Due)> _delayed = new();
    private readonly object _gate = new();
    private bool _disposed;

    public void Add(NotificationKey key)
    {
        lock (_gate)
        {
            if (_disposed || _queued.Contains(key))
            {
                return;
            }
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }
            _queued.Add(key);
            _ready.Writer.TryWrite(key);
        }
    }

    public void AddAfter(NotificationKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (_gate)
        {
            var due = time.GetUtcNow() + delay;
            if (_disposed || (_delayed.TryGetValue(key, out var existing) && existing.Due <= due))
            {
                return;
            }
            existing.Timer?.Dispose();
            var timer = time.CreateTimer(_ => Fire(key), null, delay, Timeout.InfiniteTimeSpan);
            _delayed[key] = (timer, due);
        }
    }

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> when it has processed it.</summary>
    public async ValueTask<NotificationKey?> TakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken);
            lock (_gate)
            {
                _queued.Remove(key);
                _processing.Add(key);
            }
            return key;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public void Done(NotificationKey key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirty.Remove(key);
        }
        if (again)
        {
            Add(key);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var (timer, _) in _delayed.Values)
            {
                timer.Dispose();
            }
            _delayed.Clear();
            _ready.Writer.TryComplete();
        }
    }

    private void Fire(NotificationKey key)
    {
        lock (_gate)
        {
            if (_delayed.Remove(key, out var entry))
            {
                entry.Timer.Dispose();
            }
        }
        Add(key);
    }
}
