using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client;

/// <summary>A list request: selectors plus paging (<see cref="Limit"/> and the <see cref="Continue"/> token of the previous page).</summary>
public sealed record ListOptions
{
    /// <summary>e.g. "app=notification-controller,tier!=cache"; see <see cref="LabelSelectors"/>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. "metadata.name=x" or "involvedObject.name=y,involvedObject.namespace=z".</summary>
    public string? FieldSelector { get; init; }

    /// <summary>The page size; the response's metadata.continue fetches the next page.</summary>
    public int? Limit { get; init; }

    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }
}

/// <summary>A watch request. Watching from a <see cref="ResourceVersion"/> returned by a list sees every later change.</summary>
public sealed record WatchOptions
{
    public string? ResourceVersion { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Ask the server to end the watch after this long (it may end it earlier).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Ask for BOOKMARK events that carry a newer resourceVersion to resume from.</summary>
    public bool AllowBookmarks { get; init; }
}

/// <summary>How dependents go with a deleted object.</summary>
public static class PropagationPolicies
{
    public const string Foreground = "Foreground";
    public const string Background = "Background";
    public const string Orphan = "Orphan";
}

/// <summary>meta/v1 DeleteOptions, the body of a DELETE.</summary>
public sealed record DeleteOptions
{
    [JsonPropertyOrder(-2)]
    public string ApiVersion => "v1";

    [JsonPropertyOrder(-1)]
    public string Kind => "DeleteOptions";

    /// <summary>One of <see cref="PropagationPolicies"/>.</summary>
    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    /// <summary>Delete only if the object still has this UID / resourceVersion.</summary>
    public DeletePreconditions? Preconditions { get; init; }
}

public sealed record DeletePreconditions(string? Uid = null, string? ResourceVersion = null);

/// <summary>GET .../pods/{name}/log parameters.</summary>
public sealed record PodLogOptions
{
    /// <summary>Required when the pod has more than one container.</summary>
    public string? Container { get; init; }

    public int? TailLines { get; init; }

    public int? SinceSeconds { get; init; }

    /// <summary>Prefix each line with its RFC 3339 timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>The logs of the previous (crashed) instance of the container.</summary>
    public bool Previous { get; init; }

    public long? LimitBytes { get; init; }
}

/// <summary>Builds label selectors: <c>LabelSelectors.Equal(labels)</c> gives "a=1,b=2".</summary>
public static class LabelSelectors
{
    public static string Equal(IEnumerable<KeyValuePair<string, string>> labels) =>
        string.Join(",", labels.Select(label => $"{label.Key}={label.Value}"));
}

public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch; works for every resource, custom resources included.</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch: a list of operations.</summary>
    Json,

    /// <summary>Kubernetes strategic merge patch; built-in types only (custom resources answer 415).</summary>
    StrategicMerge,
}

/// <summary>A patch body and its type. For a merge patch, a property set to null in a <see cref="JsonNode"/> deletes the field.</summary>
public sealed record Patch(PatchType Type, string Body)
{
    public string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };

    /// <summary>A merge patch from an object (anonymous types welcome; their null properties are left out) or a <see cref="JsonNode"/>.</summary>
    public static Patch Merge(object patch) => new(PatchType.Merge, KubernetesJson.Serialize(patch));

    public static Patch StrategicMerge(object patch) => new(PatchType.StrategicMerge, KubernetesJson.Serialize(patch));

    public static Patch Json(params IEnumerable<JsonPatchOperation> operations) => new(PatchType.Json, KubernetesJson.Serialize(operations.ToList()));
}

/// <summary>One RFC 6902 operation; <see cref="Path"/> is a JSON pointer ("/metadata/labels/app").</summary>
public sealed record JsonPatchOperation(
    string Op,
    string Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? Value = null,
    string? From = null)
{
    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    public static JsonPatchOperation Replace(string path, JsonNode? value) => new("replace", path, value);

    public static JsonPatchOperation Remove(string path) => new("remove", path);

    public static JsonPatchOperation Test(string path, JsonNode? value) => new("test", path, value);
}
