using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>
/// Records core/v1 Events about an object, as controllers and the kubelet do: one Event per (object, reason, message),
/// whose count and lastTimestamp grow when the same thing happens again.
/// </summary>
public sealed class EventRecorder(ObjectStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="involved">The object the event is about (kind, apiVersion, namespace, name, uid are read from it).</param>
    /// <param name="type">"Normal" or "Warning".</param>
    /// <param name="component">The reporting component, e.g. notification-controller or kubelet.</param>
    public JsonObject Record(JsonObject involved, string type, string reason, string message, string component)
    {
        var @namespace = ObjectMeta.Namespace(involved) is { Length: > 0 } ns ? ns : "default";
        var name = $"{ObjectMeta.Name(involved)}.{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{ObjectMeta.Uid(involved)}/{reason}/{message}")))[..16]}";
        var now = ObjectMeta.Timestamp(_time.GetUtcNow());
        var existing = store.Get(ResourceKinds.Event, @namespace, name);
        if (existing is not null)
        {
            return store.Mutate(ResourceKinds.Event, @namespace, name, e =>
            {
                e["count"] = ObjectMeta.ReadInt64(e["count"]) + 1;
                e["lastTimestamp"] = now;
            });
        }
        return store.Create(ResourceKinds.Event, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace },
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
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1L,
        });
    }
}
