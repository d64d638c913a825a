using System.Runtime.CompilerServices;
using System.Text.Json;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Kubernetes.Client;

/// <summary>
/// CRUD, patch, status and watch for one resource type. Namespaced resources need a namespace for single-object
/// calls (or take it from the object's metadata); for list and watch a null namespace means all namespaces.
/// </summary>
public sealed class ResourceClient<T> where T : class, IKubernetesObject
{
    private readonly KubernetesTransport transport;

    internal ResourceClient(KubernetesTransport transport, ResourceType resourceType)
    {
        this.transport = transport;
        ResourceType = resourceType;
    }

    public ResourceType ResourceType { get; }

    public Task<T> GetAsync(string name, string? @namespace, CancellationToken cancellationToken = default) =>
        transport.SendAsync<T>(ObjectRequest(HttpMethod.Get, "get", name, @namespace), cancellationToken);

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> GetOrNullAsync(string name, string? @namespace, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(name, @namespace, cancellationToken);
        }
        catch (KubernetesApiException exception) when (exception.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>One page; <c>Metadata.Continue</c> of the result fetches the next (pass it as <see cref="ListOptions.Continue"/>).</summary>
    public Task<KubernetesList<T>> ListAsync(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = ApiRequest.WithQuery(ResourceType.CollectionPath(@namespace),
            ("labelSelector", options?.LabelSelector),
            ("fieldSelector", options?.FieldSelector),
            ("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("continue", options?.Continue),
            ("resourceVersion", options?.ResourceVersion));
        return transport.SendAsync<KubernetesList<T>>(CollectionRequest(HttpMethod.Get, "list", path, @namespace), cancellationToken);
    }

    /// <summary>Every matching object, fetched page by page (<see cref="ListOptions.Limit"/> per page, default 500).</summary>
    public async IAsyncEnumerable<T> ListAllAsync(string? @namespace = null, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = (options ?? new ListOptions()) with { Continue = null, Limit = options?.Limit ?? 500 };
        while (true)
        {
            var list = await ListAsync(@namespace, page, cancellationToken);
            foreach (var item in list.Items)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(list.Metadata.Continue))
            {
                yield break;
            }

            page = page with { Continue = list.Metadata.Continue };
        }
    }

    /// <summary>Creates the object in its metadata.namespace; apiVersion and kind are filled in when missing.</summary>
    public Task<T> CreateAsync(T item, CancellationToken cancellationToken = default)
    {
        var @namespace = NamespaceOf(item);
        var path = ResourceType.CollectionPath(@namespace);
        return transport.SendAsync<T>(CollectionRequest(HttpMethod.Post, "create", path, @namespace) with
        {
            Name = item.Metadata.Name,
            Body = Serialize(item),
        }, cancellationToken);
    }

    /// <summary>PUT: replaces the whole object; with metadata.resourceVersion set, fails with a conflict if it changed meanwhile.</summary>
    public Task<T> ReplaceAsync(T item, CancellationToken cancellationToken = default) =>
        transport.SendAsync<T>(ObjectRequest(HttpMethod.Put, "update", NameOf(item), NamespaceOf(item)) with { Body = Serialize(item) }, cancellationToken);

    public Task<T> PatchAsync(string name, string? @namespace, Patch patch, CancellationToken cancellationToken = default) =>
        transport.SendAsync<T>(PatchRequest(name, @namespace, patch, null), cancellationToken);

    public Task DeleteAsync(string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        transport.SendForTextAsync(ObjectRequest(HttpMethod.Delete, "delete", name, @namespace) with
        {
            Body = KubernetesJson.SerializeToUtf8Bytes(options ?? new DeleteOptions()),
        }, cancellationToken);

    /// <summary>Deletes the object if it exists; false when it did not.</summary>
    public async Task<bool> DeleteIfExistsAsync(string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(name, @namespace, options, cancellationToken);
            return true;
        }
        catch (KubernetesApiException exception) when (exception.IsNotFound)
        {
            return false;
        }
    }

    public Task<T> GetStatusAsync(string name, string? @namespace, CancellationToken cancellationToken = default) =>
        transport.SendAsync<T>(ObjectRequest(HttpMethod.Get, "get", name, @namespace, "status"), cancellationToken);

    /// <summary>PUT .../status: only the status of <paramref name="item"/> is taken; spec changes are ignored by the server.</summary>
    public Task<T> ReplaceStatusAsync(T item, CancellationToken cancellationToken = default) =>
        transport.SendAsync<T>(ObjectRequest(HttpMethod.Put, "update", NameOf(item), NamespaceOf(item), "status") with { Body = Serialize(item) }, cancellationToken);

    public Task<T> PatchStatusAsync(string name, string? @namespace, Patch patch, CancellationToken cancellationToken = default) =>
        transport.SendAsync<T>(PatchRequest(name, @namespace, patch, "status"), cancellationToken);

    /// <summary>
    /// Streams changes until the server ends the watch or the caller cancels. An ERROR event is yielded and ends
    /// the stream; when <see cref="WatchEvent{T}.IsResourceVersionExpired"/> is true, list again and watch from the
    /// new resourceVersion. A watch refused outright (e.g. 410 Gone) throws <see cref="KubernetesApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace = null, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = ApiRequest.WithQuery(ResourceType.CollectionPath(@namespace),
            ("watch", "true"),
            ("resourceVersion", options?.ResourceVersion),
            ("labelSelector", options?.LabelSelector),
            ("fieldSelector", options?.FieldSelector),
            ("timeoutSeconds", options?.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("allowWatchBookmarks", options?.AllowBookmarks == true ? "true" : null));
        var request = CollectionRequest(HttpMethod.Get, "watch", path, @namespace) with { Streaming = true };
        await foreach (var line in transport.StreamLinesAsync(request, cancellationToken))
        {
            var watchEvent = ParseWatchEvent(request, line);
            yield return watchEvent;
            if (watchEvent.Type == WatchEventType.Error)
            {
                yield break;
            }
        }
    }

    private WatchEvent<T> ParseWatchEvent(ApiRequest request, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString();
            var content = root.GetProperty("object");
            return type switch
            {
                "ADDED" => new WatchEvent<T>(WatchEventType.Added, content.Deserialize<T>(KubernetesJson.Options), null),
                "MODIFIED" => new WatchEvent<T>(WatchEventType.Modified, content.Deserialize<T>(KubernetesJson.Options), null),
                "DELETED" => new WatchEvent<T>(WatchEventType.Deleted, content.Deserialize<T>(KubernetesJson.Options), null),
                "BOOKMARK" => new WatchEvent<T>(WatchEventType.Bookmark, content.Deserialize<T>(KubernetesJson.Options), null),
                "ERROR" => new WatchEvent<T>(WatchEventType.Error, null, content.Deserialize<Status>(KubernetesJson.Options)),
                _ => throw transport.InvalidResponse(request, "a watch event (type ADDED, MODIFIED, DELETED, BOOKMARK or ERROR)", line, null),
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw transport.InvalidResponse(request, "a watch event ({\"type\": ..., \"object\": ...})", line, exception);
        }
    }

    private ApiRequest ObjectRequest(HttpMethod method, string verb, string name, string? @namespace, string? subresource = null) =>
        new(method, ResourceType.ObjectPath(name, @namespace, subresource), verb)
        {
            Resource = ResourceType,
            Subresource = subresource,
            Name = name,
            Namespace = ResourceType.Namespaced ? @namespace : null,
        };

    private ApiRequest CollectionRequest(HttpMethod method, string verb, string path, string? @namespace) =>
        new(method, path, verb) { Resource = ResourceType, Namespace = @namespace };

    private ApiRequest PatchRequest(string name, string? @namespace, Patch patch, string? subresource) =>
        ObjectRequest(HttpMethod.Patch, "patch", name, @namespace, subresource) with
        {
            Body = System.Text.Encoding.UTF8.GetBytes(patch.Body),
            ContentType = patch.ContentType,
        };

    private byte[] Serialize(T item)
    {
        item.ApiVersion ??= ResourceType.ApiVersion;
        item.Kind ??= ResourceType.Kind;
        return KubernetesJson.SerializeToUtf8Bytes(item);
    }

    private string? NamespaceOf(T item)
    {
        if (!ResourceType.Namespaced)
        {
            return null;
        }

        return string.IsNullOrEmpty(item.Metadata.Namespace)
            ? throw new ArgumentException($"{ResourceType} is namespaced: set metadata.namespace of \"{item.Metadata.Name}\".", nameof(item))
            : item.Metadata.Namespace;
    }

    private static string NameOf(T item) =>
        string.IsNullOrEmpty(item.Metadata.Name)
            ? throw new ArgumentException("metadata.name is required to replace an object.", nameof(item))
            : item.Metadata.Name;
}
