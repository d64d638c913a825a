using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>How the client wants objects back (the Accept header): plain JSON, a Table, or metadata only.</summary>
internal sealed record ResponseFormat(bool AsTable, bool MetadataOnly, IncludeObject Include)
{
    public static ResponseFormat Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        var include = request.Query["includeObject"].ToString() switch
        {
            "None" => IncludeObject.None,
            "Object" => IncludeObject.Object,
            _ => IncludeObject.Metadata,
        };
        var jsonAcceptable = accept.Length == 0;
        foreach (var mediaRange in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = mediaRange.Split(';', StringSplitOptions.TrimEntries);
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            var type = parts[0].ToLowerInvariant();
            if (type is not ("application/json" or "*/*" or "application/*"))
            {
                continue;
            }
            var asKind = parameters.GetValueOrDefault("as");
            if (asKind == "Table" && parameters.GetValueOrDefault("g") == "meta.k8s.io" && parameters.GetValueOrDefault("v") == "v1")
            {
                return new ResponseFormat(true, false, include);
            }
            if (asKind is "PartialObjectMetadata" or "PartialObjectMetadataList" && parameters.GetValueOrDefault("v") == "v1")
            {
                return new ResponseFormat(false, true, include);
            }
            if (asKind is null)
            {
                jsonAcceptable = true;
            }
        }
        if (!jsonAcceptable)
        {
            throw new ApiException(System.Net.HttpStatusCode.NotAcceptable, "NotAcceptable",
                $"only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io (got \"{accept}\")");
        }
        return new ResponseFormat(false, false, include);
    }
}

/// <summary>The query parameters of list and watch requests.</summary>
internal sealed record ListOptions(
    LabelSelector Labels,
    FieldSelector Fields,
    string? ResourceVersion,
    bool Watch,
    TimeSpan? Timeout,
    int Limit,
    int Offset,
    bool SendInitialEvents)
{
    public static ListOptions Parse(HttpRequest request, ResourceKind kind)
    {
        var query = request.Query;
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        FieldSelectors.EnsureSupported(kind, query["fieldSelector"]);
        var timeoutSeconds = Integer(query["timeoutSeconds"], "timeoutSeconds");
        return new ListOptions(
            LabelSelector.Parse(query["labelSelector"]),
            fields,
            query["resourceVersion"].ToString() is { Length: > 0 } rv ? rv : null,
            IsTrue(query["watch"]),
            timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null,
            Integer(query["limit"], "limit"),
            ContinueOffset(query["continue"]),
            IsTrue(query["sendInitialEvents"]));
    }

    /// <summary>The continue token of the next page: the offset, opaque to clients.</summary>
    public static string ContinueToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\":{offset}}}"));

    private static int ContinueOffset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }
        try
        {
            return JsonNode.Parse(Convert.FromBase64String(token))?["offset"]?.GetValue<int>() ?? 0;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }

    /// <summary>A boolean query parameter as the API server reads it (Go's strconv.ParseBool): 1, t, T, true, True, TRUE.</summary>
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "True" or "TRUE";

    private static int Integer(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ApiException.BadRequest($"invalid value for {name}: \"{value}\" is not a non-negative integer");
    }
}

/// <summary>
/// Which field selectors each kind supports (as the API server registers them); anything else is a 400, as in
/// Kubernetes. Every kind supports metadata.name and metadata.namespace.
/// </summary>
internal static class FieldSelectors
{
    private static readonly string[] Metadata = ["metadata.name", "metadata.namespace"];

    public static IReadOnlyList<string> SupportedBy(ResourceKind kind)
    {
        IEnumerable<string> extra = kind switch
        {
            _ when kind == ResourceKinds.Pod => ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"],
            _ when kind == ResourceKinds.Event => ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "type"],
            _ when kind == ResourceKinds.Secret => ["type"],
            _ when kind == ResourceKinds.Namespace => ["status.phase"],
            _ when kind == ResourceKinds.NotificationRequest => ["spec.remediationRequestRef.name", "spec.type", "spec.severity"],
            _ => [],
        };
        return Metadata.Concat(extra).ToList();
    }

    public static void EnsureSupported(ResourceKind kind, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return;
        }
        var supported = SupportedBy(kind);
        foreach (var term in selector.Split(','))
        {
            var path = term.Split('=', '!')[0].Trim();
            if (!supported.Contains(path))
            {
                throw ApiException.BadRequest($"field label not supported: {path} (supported for {kind.QualifiedName}: {string.Join(", ", supported)})");
            }
        }
    }
}
