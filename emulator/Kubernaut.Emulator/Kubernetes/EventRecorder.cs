using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>
/// Records core/v1 Events about an object, as controllers and the kubelet do: one Event per (object, reason, message),
/// whose count and lastTimestamp grow when the same thing happens again. Events are named like client-go names them
/// (&lt;object&gt;.&lt;hex nanoseconds&gt;), so listing them by name lists them in the order they first happened.
/// Do not record from an admission plugin: plugins run under the store's lock, and recording takes this recorder's
/// lock before the store's.
/// </summary>
public sealed class EventRecorder(ObjectStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _gate = new();
    private readonly Dictionary<(string Uid, string Reason, string Message), (string Namespace, string Name)> _recorded = new();
    private long _lastNanos;

    /// <param name="involved">The object the event is about (kind, apiVersion, namespace, name, uid are read from it).</param>
    /// <param name="type">"Normal" or "Warning".</param>
    /// <param name="component">The reporting component, e.g. notification-controller or kubelet.</param>
    public JsonObject Record(JsonObject involved, string type, string reason, string message, string component)
    {
        lock (_gate)
        {
            var key = (ObjectMeta.Uid(involved), reason, message);
            var now = _time.GetUtcNow();
            var timestamp = ObjectMeta.Timestamp(now);
            if (_recorded.TryGetValue(key, out var known) && store.Get(ResourceKinds.Event, known.Namespace, known.Name) is not null)
            {
                return store.Mutate(ResourceKinds.Event, known.Namespace, known.Name, e =>
                {
                    e["count"] = ObjectMeta.ReadInt64(e["count"]) + 1;
                    e["lastTimestamp"] = timestamp;
                });
            }
            var @namespace = ObjectMeta.Namespace(involved) is { Length: > 0 } ns ? ns : "default";
            var created = store.Create(ResourceKinds.Event, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"{ObjectMeta.Name(involved)}.{UniqueNanos(now):x}", ["namespace"] = @namespace },
                ["involvedObject"] = new JsonObject
                {
                    ["apiVersion"] = (string?)involved["apiVersion"],
                    ["kind"] = (string?)involved["kind"],
                    ["namespace"] = ObjectMeta.Namespace(involved),
                    ["name"] = ObjectMeta.Name(involved),
                    ["uid"] = ObjectMeta.Uid(involved),
                    ["resourceVersion"] = ObjectMeta.ResourceVersion(involved),
                },
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = type,
                ["source"] = new JsonObject { ["component"] = component },
                ["reportingComponent"] = component,
                ["reportingInstance"] = "",
                ["firstTimestamp"] = timestamp,
                ["lastTimestamp"] = timestamp,
                ["eventTime"] = null,
                ["count"] = 1L,
            });
            _recorded[key] = (@namespace, ObjectMeta.Name(created));
            return created;
        }
    }

    // Strictly increasing, so two events in the same tick still get distinct, ordered names.
    private long UniqueNanos(DateTimeOffset now)
    {
        var nanos = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        _lastNanos = Math.Max(nanos, _lastNanos + 1);
        return _lastNanos;
    }
}
