using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes.Admission;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// Create, get, list, watch, update, patch and delete of stored objects (and their status subresource), with the API
/// server's HTTP semantics: 201 on create, Status bodies on errors, lists with resourceVersion and continue tokens,
/// Table output, chunked watch streams, unknown-field handling (fieldValidation) and delete preconditions.
/// </summary>
internal sealed class ResourceEndpoints(ObjectStore store, NamespaceController namespaces, TimeProvider time)
{
    /// <summary>The schema of a kind whose unknown fields the server prunes (custom resources); null for built-in kinds.</summary>
    private static KnownFields? KnownFieldsOf(ResourceKind kind) => kind == ResourceKinds.NotificationRequest ? NotificationRequestAdmission.Fields : null;

    public async Task GetAsync(HttpContext context, ApiTarget target)
    {
        var obj = store.GetRequired(target.Kind, target.Namespace, target.Name!);
        var format = ResponseFormat.Negotiate(context.Request);
        await ApiResponses.WriteJsonAsync(context, Render(target.Kind, [obj], ObjectMeta.ResourceVersion(obj), format, single: true));
    }

    public async Task ListAsync(HttpContext context, ApiTarget target)
    {
        var options = ListOptions.Parse(context.Request, target.Kind);
        var format = ResponseFormat.Negotiate(context.Request);
        if (options.Watch)
        {
            await WatchAsync(context, target, options, format);
            return;
        }
        var (items, resourceVersion) = store.List(target.Kind, target.Namespace, options.Labels, options.Fields);
        var page = items.Skip(options.Offset).Take(options.Limit > 0 ? options.Limit : int.MaxValue).ToList();
        var remaining = items.Count - options.Offset - page.Count;
        var rv = resourceVersion.ToString(CultureInfo.InvariantCulture);
        var body = Render(target.Kind, page, rv, format, single: false);
        if (remaining > 0 && body["metadata"] is JsonObject metadata)
        {
            metadata["continue"] = ListOptions.ContinueToken(options.Offset + page.Count);
            metadata["remainingItemCount"] = remaining;
        }
        await ApiResponses.WriteJsonAsync(context, body);
    }

    public async Task CreateAsync(HttpContext context, ApiTarget target, UserInfo user)
    {
        EnsureNotDryRun(context.Request);
        var obj = await RequestBodies.ReadObjectAsync(context.Request, target.Kind);
        PlaceInNamespace(obj, target);
        CheckUnknownFields(context, target.Kind, obj);
        if (target.Kind.HasStatusSubresource)
        {
            // The status of a new object is the server's to set (PrepareForCreate).
            obj.Remove("status");
        }
        await ApiResponses.WriteJsonAsync(context, store.Create(target.Kind, obj, user), StatusCodes.Status201Created);
    }

    public async Task ReplaceAsync(HttpContext context, ApiTarget target, UserInfo user)
    {
        EnsureNotDryRun(context.Request);
        var obj = await RequestBodies.ReadObjectAsync(context.Request, target.Kind);
        var name = ObjectMeta.Name(obj);
        if (name.Length > 0 && name != target.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({target.Name})");
        }
        ObjectMeta.Metadata(obj)["name"] = target.Name;
        PlaceInNamespace(obj, target);
        CheckUnknownFields(context, target.Kind, obj);
        var updated = store.Update(target.Kind, obj, target.Subresource, user);
        await ApiResponses.WriteJsonAsync(context, updated);
    }

    public async Task PatchAsync(HttpContext context, ApiTarget target, UserInfo user)
    {
        EnsureNotDryRun(context.Request);
        var type = Patches.TypeOf(context.Request.ContentType);
        if (type == PatchType.StrategicMerge && target.Kind.Group == ResourceKinds.KubernautGroup)
        {
            // Custom resources have no strategic-merge metadata; the API server refuses the media type.
            throw ApiException.UnsupportedMediaType(Patches.StrategicContentType, [Patches.JsonContentType, Patches.MergeContentType]);
        }
        var patch = await RequestBodies.ReadNodeAsync(context.Request) ?? throw ApiException.BadRequest("the patch body is empty");
        var warnings = new List<string>();
        var updated = store.Mutate(target.Kind, target.Namespace, target.Name!, current =>
        {
            var patched = Patches.Apply(current, patch, type);
            var expectedVersion = ObjectMeta.ReadString(patched["metadata"]?["resourceVersion"]);
            if (expectedVersion is { Length: > 0 } && expectedVersion != ObjectMeta.ResourceVersion(current))
            {
                throw ApiException.Conflict(target.Kind, target.Name!);
            }
            RequestBodies.EnsureMetadataShape(patched);
            var metadata = ObjectMeta.Metadata(patched);
            metadata["name"] = target.Name;
            if (target.Kind.Namespaced)
            {
                metadata["namespace"] = target.Namespace;
            }
            warnings.AddRange(UnknownFields(context.Request, target.Kind, patched));
            current.Clear();
            foreach (var (key, value) in patched.ToList())
            {
                patched.Remove(key);
                current[key] = value;
            }
        }, target.Subresource, user);
        AddWarnings(context, warnings);
        await ApiResponses.WriteJsonAsync(context, updated);
    }

    public async Task DeleteAsync(HttpContext context, ApiTarget target, UserInfo user)
    {
        EnsureNotDryRun(context.Request);
        var options = await RequestBodies.ReadNodeAsync(context.Request) as JsonObject;
        var current = store.GetRequired(target.Kind, target.Namespace, target.Name!);
        CheckPreconditions(target, current, options?["preconditions"]);
        if (target.Kind == ResourceKinds.Namespace)
        {
            await ApiResponses.WriteJsonAsync(context, namespaces.Delete(target.Name!, user));
            return;
        }
        var deleted = store.Delete(target.Kind, target.Namespace, target.Name!, user);
        // Custom resources and pods answer with the object; other kinds deleted at once answer with a Success Status.
        var returnsObject = target.Kind.Group == ResourceKinds.KubernautGroup || target.Kind == ResourceKinds.Pod;
        await ApiResponses.WriteJsonAsync(context, returnsObject ? deleted : ApiResponses.DeleteSuccess(target.Kind, deleted));
    }

    public async Task DeleteCollectionAsync(HttpContext context, ApiTarget target, UserInfo user)
    {
        EnsureNotDryRun(context.Request);
        var options = ListOptions.Parse(context.Request, target.Kind);
        var (items, _) = store.List(target.Kind, target.Namespace, options.Labels, options.Fields);
        var deleted = new List<JsonObject>();
        foreach (var item in items)
        {
            try
            {
                deleted.Add(target.Kind == ResourceKinds.Namespace
                    ? namespaces.Delete(ObjectMeta.Name(item), user)
                    : store.Delete(target.Kind, ObjectMeta.Namespace(item), ObjectMeta.Name(item), user));
            }
            catch (ApiException ex) when (ex.Code == HttpStatusCode.NotFound)
            {
                // Deleted meanwhile.
            }
        }
        var resourceVersion = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        await ApiResponses.WriteJsonAsync(context, ApiResponses.List(target.Kind.Kind + "List", target.Kind.ApiVersion, resourceVersion, deleted));
    }

    private async Task WatchAsync(HttpContext context, ApiTarget target, ListOptions options, ResponseFormat format)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        var initial = new List<JsonObject>();
        var from = options.ResourceVersion;
        if (options.SendInitialEvents)
        {
            var (items, listVersion) = store.List(target.Kind, target.Namespace, options.Labels, options.Fields);
            initial.AddRange(items);
            from = listVersion.ToString(CultureInfo.InvariantCulture);
        }
        ObjectWatch watch;
        try
        {
            watch = store.Watch(target.Kind, target.Namespace, from, options.Labels, options.Fields);
        }
        catch (ApiException ex) when (ex.Code == HttpStatusCode.Gone)
        {
            // An expired resourceVersion is reported inside the stream, as the API server does (clients relist).
            await WriteEventAsync(response, "ERROR", ApiResponses.Failure(ex));
            return;
        }
        using (watch)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            if (options.Timeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }
            // Headers go out now, not with the first event: clients block in Watch() until they arrive.
            await response.StartAsync(context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            var first = true;
            foreach (var item in initial)
            {
                await WriteEventAsync(response, "ADDED", Render(target.Kind, [item], ObjectMeta.ResourceVersion(item), format, single: true, withColumnDefinitions: first));
                first = false;
            }
            if (options.SendInitialEvents)
            {
                await WriteEventAsync(response, "BOOKMARK", new JsonObject
                {
                    ["kind"] = target.Kind.Kind,
                    ["apiVersion"] = target.Kind.ApiVersion,
                    ["metadata"] = new JsonObject
                    {
                        ["resourceVersion"] = from,
                        ["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" },
                    },
                });
            }
            try
            {
                await foreach (var change in watch.Events.ReadAllAsync(timeout.Token))
                {
                    var rv = change.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                    await WriteEventAsync(response, change.WireType, Render(target.Kind, [change.Object], rv, format, single: true, withColumnDefinitions: first));
                    first = false;
                }
            }
            catch (OperationCanceledException)
            {
                // Timed out or the client went away: the stream simply ends.
            }
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, JsonObject obj)
    {
        var line = ApiJson.Serialize(new JsonObject { ["type"] = type, ["object"] = obj }) + "\n";
        await response.WriteAsync(line, Encoding.UTF8, response.HttpContext.RequestAborted);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted);
    }

    /// <summary>An object, a list, a Table or metadata only, as the Accept header asked.</summary>
    private JsonObject Render(ResourceKind kind, IReadOnlyList<JsonObject> items, string resourceVersion, ResponseFormat format, bool single, bool withColumnDefinitions = true)
    {
        if (format.AsTable)
        {
            return Tables.Convert(kind, items, resourceVersion, format.Include, time.GetUtcNow(), withColumnDefinitions);
        }
        if (format.MetadataOnly)
        {
            var partial = items.Select(ApiResponses.PartialObjectMetadata).ToList();
            return single ? partial[0] : ApiResponses.List("PartialObjectMetadataList", "meta.k8s.io/v1", resourceVersion, partial);
        }
        return single ? items[0] : ApiResponses.List(kind.Kind + "List", kind.ApiVersion, resourceVersion, items);
    }

    private static void PlaceInNamespace(JsonObject obj, ApiTarget target)
    {
        var metadata = ObjectMeta.Metadata(obj);
        if (!target.Kind.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        var given = ObjectMeta.Namespace(obj);
        if (given.Length > 0 && given != target.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = target.Namespace;
    }

    // fieldValidation=Strict refuses unknown fields; Warn (the default) prunes them with a Warning header; Ignore prunes silently.
    private static void CheckUnknownFields(HttpContext context, ResourceKind kind, JsonObject obj) =>
        AddWarnings(context, UnknownFields(context.Request, kind, obj));

    private static IReadOnlyList<string> UnknownFields(HttpRequest request, ResourceKind kind, JsonObject obj)
    {
        var unknown = KnownFieldsOf(kind)?.FindUnknown(obj) ?? [];
        if (unknown.Count == 0)
        {
            return [];
        }
        var messages = unknown.Select(path => $"unknown field \"{path}\"").ToList();
        return request.Query["fieldValidation"].ToString() switch
        {
            "Strict" => throw ApiException.BadRequest("strict decoding error: " + string.Join(", ", messages)),
            "Ignore" => [],
            _ => messages,
        };
    }

    private static void AddWarnings(HttpContext context, IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }

    private static void CheckPreconditions(ApiTarget target, JsonObject current, JsonNode? preconditions)
    {
        Check("uid", "UID", ObjectMeta.Uid(current));
        Check("resourceVersion", "ResourceVersion", ObjectMeta.ResourceVersion(current));

        void Check(string field, string label, string actual)
        {
            var expected = ObjectMeta.ReadString(preconditions?[field]);
            if (expected is { Length: > 0 } && expected != actual)
            {
                throw new ApiException(HttpStatusCode.Conflict, "Conflict",
                    $"Operation cannot be fulfilled on {target.Kind.QualifiedName} \"{target.Name}\": Precondition failed: {label} in precondition: {expected}, {label} in object meta: {actual}",
                    kind: target.Kind, name: target.Name);
            }
        }
    }

    private static void EnsureNotDryRun(HttpRequest request)
    {
        if (request.Query.ContainsKey("dryRun"))
        {
            throw ApiException.BadRequest("the Kubernaut emulator does not support server-side dry run (dryRun); run the command without --dry-run=server");
        }
    }
}
