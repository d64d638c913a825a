using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>The patch formats of PATCH requests, by Content-Type.</summary>
internal enum PatchType
{
    Merge,
    Json,
    StrategicMerge,
}

/// <summary>
/// Applies PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and, for built-in kinds, strategic merge
/// patch as kubectl apply sends it: a merge patch in which lists of objects with a well-known merge key (containers by
/// name, ports by containerPort/port, env by name, ...) are merged element by element, and the $setElementOrder,
/// $retainKeys, $deleteFromPrimitiveList and $patch directives are honoured or dropped.
/// </summary>
internal static class Patches
{
    public const string MergeContentType = "application/merge-patch+json";
    public const string JsonContentType = "application/json-patch+json";
    public const string StrategicContentType = "application/strategic-merge-patch+json";

    public static readonly IReadOnlyList<string> ContentTypes = [JsonContentType, MergeContentType, StrategicContentType];

    // Merge keys of the list fields kubectl apply patches most (k8s.io/api patchMergeKey tags).
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["subsets"] = "ip",
    };

    /// <summary>The patch type of a Content-Type header; 415 for anything else.</summary>
    public static PatchType TypeOf(string? contentType)
    {
        var mediaType = RequestBodies.MediaType(contentType);
        return mediaType switch
        {
            MergeContentType => PatchType.Merge,
            JsonContentType => PatchType.Json,
            StrategicContentType => PatchType.StrategicMerge,
            _ => throw ApiException.UnsupportedMediaType(mediaType, ContentTypes),
        };
    }

    public static JsonObject Apply(JsonObject target, JsonNode patch, PatchType type)
    {
        var result = type switch
        {
            PatchType.Merge => MergePatch(target, patch, strategic: false),
            PatchType.StrategicMerge => MergePatch(target, patch, strategic: true),
            _ => JsonPatch(target, patch),
        };
        return result as JsonObject ?? throw ApiException.BadRequest("the patch would replace the object with something that is not a JSON object");
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch, bool strategic)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        if (strategic && ObjectMeta.ReadString(patchObject["$patch"]) == "replace")
        {
            var replacement = (JsonObject)patchObject.DeepClone();
            replacement.Remove("$patch");
            return replacement;
        }
        foreach (var (key, value) in patchObject)
        {
            if (strategic && key.StartsWith('$'))
            {
                if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray removed)
                {
                    var field = key["$deleteFromPrimitiveList/".Length..];
                    if (result[field] is JsonArray list)
                    {
                        result[field] = new JsonArray(list.Where(item => !removed.Any(r => JsonNode.DeepEquals(r, item))).Select(item => item?.DeepClone()).ToArray());
                    }
                }
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
            }
            else if (strategic && value is JsonArray patchList && MergeKeyOf(key, patchList) is { } mergeKey && result[key] is JsonArray currentList)
            {
                result[key] = MergeList(currentList, patchList, mergeKey);
            }
            else
            {
                result[key] = MergePatch(result[key], value, strategic);
            }
        }
        return result;
    }

    // Container ports merge by containerPort, Service ports by port; the other lists by their fixed key.
    private static string? MergeKeyOf(string field, JsonArray patchList) => field switch
    {
        "ports" => patchList.OfType<JsonObject>().Any(p => p.ContainsKey("containerPort")) ? "containerPort" : "port",
        _ => MergeKeys.GetValueOrDefault(field),
    };

    private static JsonArray MergeList(JsonArray current, JsonArray patch, string mergeKey)
    {
        var merged = current.Select(item => item?.DeepClone()).ToList();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var key = element[mergeKey]?.ToJsonString();
            var index = merged.FindIndex(item => item?[mergeKey]?.ToJsonString() == key);
            if (ObjectMeta.ReadString(element["$patch"]) == "delete")
            {
                if (index >= 0)
                {
                    merged.RemoveAt(index);
                }
                continue;
            }
            if (index >= 0)
            {
                merged[index] = MergePatch(merged[index], element, strategic: true);
            }
            else
            {
                merged.Add(MergePatch(null, element, strategic: true));
            }
        }
        return new JsonArray(merged.ToArray());
    }

    private static JsonNode JsonPatch(JsonObject target, JsonNode patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("a JSON patch must be an array of operations");
        }
        JsonNode document = target.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = ObjectMeta.ReadString(operation["op"]);
            var path = ObjectMeta.ReadString(operation["path"]) ?? throw ApiException.BadRequest("a JSON patch operation needs a path");
            switch (op)
            {
                case "add":
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    document = Remove(document, path, out _);
                    break;
                case "replace":
                    document = Remove(document, path, out _);
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    document = Remove(document, From(operation), out var moved);
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    document = Add(document, path, Resolve(document, From(operation))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(document, path), operation["value"]))
                    {
                        throw new ApiException((HttpStatusCode)422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    }
                    break;
                default:
                    throw ApiException.BadRequest($"unexpected JSON patch operation \"{op}\": use add, remove, replace, move, copy or test");
            }
        }
        return document;
    }

    private static string From(JsonObject operation) =>
        ObjectMeta.ReadString(operation["from"]) ?? throw ApiException.BadRequest("a JSON patch move or copy needs a from path");

    private static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();

    private static JsonNode? Resolve(JsonNode? node, string pointer)
    {
        foreach (var segment in Segments(pointer))
        {
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : throw Missing(pointer),
                JsonArray array when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < array.Count => array[i],
                _ => throw Missing(pointer),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode document, string pointer, JsonNode? value)
    {
        var segments = Segments(pointer);
        if (segments.Count == 0)
        {
            return value ?? throw ApiException.BadRequest("a JSON patch may not replace the whole object with null");
        }
        var parent = Resolve(document, ParentPointer(segments));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw Missing(pointer);
        }
        return document;
    }

    private static JsonNode Remove(JsonNode document, string pointer, out JsonNode? removed)
    {
        var segments = Segments(pointer);
        var parent = Resolve(document, ParentPointer(segments));
        var last = segments.Count > 0 ? segments[^1] : throw ApiException.BadRequest("a JSON patch may not remove the whole object");
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var value):
                removed = value?.DeepClone();
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < array.Count:
                removed = array[index]?.DeepClone();
                array.RemoveAt(index);
                break;
            default:
                throw Missing(pointer);
        }
        return document;
    }

    private static string ParentPointer(IReadOnlyList<string> segments) =>
        segments.Count <= 1 ? "" : "/" + string.Join("/", segments.Take(segments.Count - 1).Select(Escape));

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private static ApiException Missing(string pointer) =>
        new((HttpStatusCode)422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{pointer}\"");
}
