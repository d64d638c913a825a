using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Kubernetes;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One change to one object; Object is a private copy the receiver may keep.</summary>
public sealed record WatchEvent(WatchEventType Type, ResourceKind Kind, JsonObject Object, long ResourceVersion)
{
    /// <summary>ADDED / MODIFIED / DELETED, as the watch wire format spells it.</summary>
    public string WireType => Type.ToString().ToUpperInvariant();
}

/// <summary>
/// The emulated etcd + registry: every object of every kind, as JSON, with API-server semantics where clients notice
/// them: uid, a cluster-wide monotonically increasing resourceVersion, generation bumped on spec changes only,
/// creationTimestamp, optimistic concurrency (409 Conflict), status written only through the status subresource for
/// kinds that have one, admission plugins, and watches that replay from a resourceVersion.
/// Objects handed in are copied; objects handed out are copies, so callers never share mutable state with the store.
/// </summary>
public sealed class ObjectStore
{
    private const int HistoryCapacity = 100_000;

    private readonly object _gate = new();
    private readonly Dictionary<(string Kind, string Namespace, string Name), JsonObject> _objects = new();
    private readonly LinkedList<WatchEvent> _history = new();
    private readonly List<Subscription> _subscriptions = new();
    private readonly List<IAdmissionPlugin> _admission = new();
    private readonly TimeProvider _time;
    private long _resourceVersion;

    public ObjectStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The newest resourceVersion handed out (what a List response reports).</summary>
    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public void AddAdmissionPlugin(IAdmissionPlugin plugin)
    {
        lock (_gate)
        {
            _admission.Add(plugin);
        }
    }

    public JsonObject Create(ResourceKind kind, JsonObject obj, UserInfo? user = null)
    {
        var incoming = (JsonObject)obj.DeepClone();
        var metadata = ObjectMeta.Metadata(incoming);
        incoming["apiVersion"] = kind.ApiVersion;
        incoming["kind"] = kind.Kind;
        lock (_gate)
        {
            var name = ObjectMeta.Name(incoming);
            if (name.Length == 0 && metadata["generateName"] is JsonValue generateName)
            {
                name = generateName + SafeAlphabet.RandomSuffix();
                metadata["name"] = name;
            }
            if (name.Length == 0)
            {
                throw ApiException.Invalid(kind, "", [new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name")]);
            }
            var key = Key(kind, incoming);
            if (_objects.ContainsKey(key))
            {
                throw ApiException.AlreadyExists(kind, name);
            }
            Admit(new AdmissionRequest(AdmissionOperation.Create, kind, incoming, null, user, null));
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = ObjectMeta.Timestamp(_time.GetUtcNow());
            metadata["generation"] = 1L;
            metadata.Remove("deletionTimestamp");
            var version = ++_resourceVersion;
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            _objects[key] = incoming;
            Publish(new WatchEvent(WatchEventType.Added, kind, incoming, version));
            return (JsonObject)incoming.DeepClone();
        }
    }

    public JsonObject? Get(ResourceKind kind, string @namespace, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(kind, @namespace, name), out var obj)
                ? (JsonObject)obj.DeepClone()
                : null;
        }
    }

    public JsonObject GetRequired(ResourceKind kind, string @namespace, string name) =>
        Get(kind, @namespace, name) ?? throw ApiException.NotFound(kind, name);

    /// <param name="namespace">Null or empty lists every namespace.</param>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(
        ResourceKind kind, string? @namespace = null, LabelSelector? labels = null, FieldSelector? fields = null)
    {
        labels ??= LabelSelector.Everything;
        fields ??= FieldSelector.Everything;
        lock (_gate)
        {
            var items = _objects
                .Where(entry => entry.Key.Kind == kind.QualifiedName && (string.IsNullOrEmpty(@namespace) || entry.Key.Namespace == @namespace))
                .Select(entry => entry.Value)
                .Where(obj => labels.Matches(obj) && fields.Matches(obj))
                .OrderBy(obj => ObjectMeta.Namespace(obj), StringComparer.Ordinal)
                .ThenBy(obj => ObjectMeta.Name(obj), StringComparer.Ordinal)
                .Select(obj => (JsonObject)obj.DeepClone())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>
    /// Replaces an object (PUT). With <paramref name="subresource"/> "status" only status changes; otherwise status is kept
    /// from the stored object for kinds with a status subresource. A non-empty metadata.resourceVersion must match (409 Conflict).
    /// </summary>
    public JsonObject Update(ResourceKind kind, JsonObject obj, string? subresource = null, UserInfo? user = null)
    {
        var incoming = (JsonObject)obj.DeepClone();
        incoming["apiVersion"] = kind.ApiVersion;
        incoming["kind"] = kind.Kind;
        lock (_gate)
        {
            var key = Key(kind, incoming);
            if (!_objects.TryGetValue(key, out var stored))
            {
                throw ApiException.NotFound(kind, key.Name);
            }
            var expectedVersion = ObjectMeta.ResourceVersion(incoming);
            if (expectedVersion.Length > 0 && expectedVersion != ObjectMeta.ResourceVersion(stored))
            {
                throw ApiException.Conflict(kind, key.Name);
            }
            var updated = subresource == "status" ? WithStatusFrom(stored, incoming) : WithPreservedFields(kind, stored, incoming);
            Admit(new AdmissionRequest(AdmissionOperation.Update, kind, updated, (JsonObject)stored.DeepClone(), user, subresource));
            if (JsonNode.DeepEquals(WithoutVersion(updated), WithoutVersion(stored)))
            {
                return (JsonObject)stored.DeepClone();
            }
            var metadata = ObjectMeta.Metadata(updated);
            if (subresource != "status" && !JsonNode.DeepEquals(SpecOf(updated), SpecOf(stored)))
            {
                metadata["generation"] = ObjectMeta.Generation(stored) + 1;
            }
            var version = ++_resourceVersion;
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            _objects[key] = updated;
            Publish(new WatchEvent(WatchEventType.Modified, kind, updated, version));
            return (JsonObject)updated.DeepClone();
        }
    }

    /// <summary>Reads, changes and writes one object atomically (no Conflict possible): how controllers and patches update.</summary>
    public JsonObject Mutate(ResourceKind kind, string @namespace, string name, Action<JsonObject> change, string? subresource = null, UserInfo? user = null)
    {
        lock (_gate)
        {
            var current = GetRequired(kind, @namespace, name);
            change(current);
            ObjectMeta.Metadata(current).Remove("resourceVersion");
            return Update(kind, current, subresource, user);
        }
    }

    public JsonObject Delete(ResourceKind kind, string @namespace, string name, UserInfo? user = null)
    {
        lock (_gate)
        {
            var key = Key(kind, @namespace, name);
            if (!_objects.TryGetValue(key, out var stored))
            {
                throw ApiException.NotFound(kind, name);
            }
            Admit(new AdmissionRequest(AdmissionOperation.Delete, kind, null, (JsonObject)stored.DeepClone(), user, null));
            _objects.Remove(key);
            var version = ++_resourceVersion;
            var deleted = (JsonObject)stored.DeepClone();
            ObjectMeta.Metadata(deleted)["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            Publish(new WatchEvent(WatchEventType.Deleted, kind, deleted, version));
            return (JsonObject)deleted.DeepClone();
        }
    }

    /// <summary>
    /// Streams changes of one kind. With no <paramref name="fromResourceVersion"/> (or "0") the current objects arrive first
    /// as ADDED; with one, every later change is replayed from history (410 Gone when history no longer reaches back).
    /// Dispose the returned watch to stop it.
    /// </summary>
    public ObjectWatch Watch(ResourceKind kind, string? @namespace = null, string? fromResourceVersion = null, LabelSelector? labels = null, FieldSelector? fields = null)
    {
        var subscription = new Subscription(this, kind, @namespace, labels ?? LabelSelector.Everything, fields ?? FieldSelector.Everything);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(fromResourceVersion) || fromResourceVersion == "0")
            {
                var current = _objects
                    .Where(entry => entry.Key.Kind == kind.QualifiedName)
                    .Select(entry => (Object: entry.Value, Version: ObjectMeta.ResourceVersionNumber(entry.Value)))
                    .OrderBy(entry => entry.Version);
                foreach (var (obj, version) in current)
                {
                    subscription.Offer(new WatchEvent(WatchEventType.Added, kind, obj, version));
                }
            }
            else
            {
                if (!long.TryParse(fromResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiException.BadRequest($"invalid resourceVersion \"{fromResourceVersion}\"");
                }
                var oldest = _history.First?.Value.ResourceVersion ?? _resourceVersion + 1;
                if (from < oldest - 1 && _history.Count >= HistoryCapacity)
                {
                    throw ApiException.Gone($"too old resource version: {from} ({oldest - 1})");
                }
                foreach (var change in _history.Where(e => e.ResourceVersion > from))
                {
                    subscription.Offer(change);
                }
            }
            _subscriptions.Add(subscription);
        }
        return new ObjectWatch(subscription);
    }

    private void Admit(AdmissionRequest request)
    {
        foreach (var plugin in _admission)
        {
            if (plugin.Handles(request.Kind))
            {
                plugin.Admit(request);
            }
        }
    }

    private void Publish(WatchEvent change)
    {
        _history.AddLast(change with { Object = (JsonObject)change.Object.DeepClone() });
        if (_history.Count > HistoryCapacity)
        {
            _history.RemoveFirst();
        }
        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(change);
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private static (string Kind, string Namespace, string Name) Key(ResourceKind kind, JsonObject obj) =>
        Key(kind, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));

    private static (string Kind, string Namespace, string Name) Key(ResourceKind kind, string @namespace, string name) =>
        (kind.QualifiedName, kind.Namespaced ? @namespace : "", name);

    private static JsonObject WithStatusFrom(JsonObject stored, JsonObject incoming)
    {
        var updated = (JsonObject)stored.DeepClone();
        updated["status"] = incoming["status"]?.DeepClone();
        return updated;
    }

    private static JsonObject WithPreservedFields(ResourceKind kind, JsonObject stored, JsonObject incoming)
    {
        var metadata = ObjectMeta.Metadata(incoming);
        var storedMetadata = ObjectMeta.Metadata(stored);
        foreach (var field in new[] { "uid", "creationTimestamp", "generation", "namespace", "name" })
        {
            metadata[field] = storedMetadata[field]?.DeepClone();
        }
        if (kind.HasStatusSubresource)
        {
            incoming["status"] = stored["status"]?.DeepClone();
        }
        if (incoming["status"] is null)
        {
            incoming.Remove("status");
        }
        return incoming;
    }

    private static JsonObject SpecOf(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private static JsonObject WithoutVersion(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        ObjectMeta.Metadata(copy).Remove("resourceVersion");
        return copy;
    }

    internal sealed class Subscription(ObjectStore store, ResourceKind kind, string? @namespace, LabelSelector labels, FieldSelector fields)
    {
        public Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

        public void Offer(WatchEvent change)
        {
            if (change.Kind.QualifiedName != kind.QualifiedName
                || (!string.IsNullOrEmpty(@namespace) && ObjectMeta.Namespace(change.Object) != @namespace)
                || !labels.Matches(change.Object)
                || !fields.Matches(change.Object))
            {
                return;
            }
            Channel.Writer.TryWrite(change with { Object = (JsonObject)change.Object.DeepClone() });
        }

        public void Close()
        {
            store.Unsubscribe(this);
            Channel.Writer.TryComplete();
        }
    }
}

/// <summary>A running watch: read <see cref="Events"/> until disposed.</summary>
public sealed class ObjectWatch : IDisposable
{
    private readonly ObjectStore.Subscription _subscription;

    internal ObjectWatch(ObjectStore.Subscription subscription) => _subscription = subscription;

    public ChannelReader<WatchEvent> Events => _subscription.Channel.Reader;

    public void Dispose() => _subscription.Close();
}
