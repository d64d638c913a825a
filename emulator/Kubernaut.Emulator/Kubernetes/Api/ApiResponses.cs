using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>Writes API responses: JSON objects, and metav1.Status for errors and successful deletions.</summary>
internal static class ApiResponses
{
    public static Task WriteJsonAsync(HttpContext context, JsonNode body, int statusCode = StatusCodes.Status200OK) =>
        WriteJsonTextAsync(context, ApiJson.Serialize(body), statusCode);

    public static async Task WriteJsonTextAsync(HttpContext context, string json, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (error.Code == HttpStatusCode.Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"kubernaut-emulator\"";
        }
        return WriteJsonAsync(context, Failure(error), (int)error.Code);
    }

    /// <summary>The Status body of an error: code, reason, message and details (name, group, kind, causes) as the API server sets them.</summary>
    public static JsonObject Failure(ApiException error)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
        };
        var details = new JsonObject();
        if (error.Name is not null)
        {
            details["name"] = error.Name;
        }
        if (error.Kind is { } kind)
        {
            if (kind.Group.Length > 0)
            {
                details["group"] = kind.Group;
            }
            // Invalid names the Kind; every other reason names the resource (plural), as the API server does.
            details["kind"] = error.Reason == "Invalid" ? kind.Kind : kind.Plural;
        }
        if (error.Causes.Count > 0)
        {
            details["causes"] = new JsonArray(error.Causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["field"] = c.Field,
            }).ToArray());
        }
        if (details.Count > 0)
        {
            status["details"] = details;
        }
        status["code"] = (int)error.Code;
        return status;
    }

    /// <summary>A list envelope (ConfigMapList, PartialObjectMetadataList, ...) around <paramref name="items"/>.</summary>
    public static JsonObject List(string kind, string apiVersion, string resourceVersion, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = apiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
    };

    /// <summary>An object's metadata only, as the Accept header as=PartialObjectMetadata and Table rows ask for.</summary>
    public static JsonObject PartialObjectMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    /// <summary>The Status a DELETE answers when the object is gone at once.</summary>
    public static JsonObject DeleteSuccess(ResourceKind kind, JsonObject deleted)
    {
        var details = new JsonObject { ["name"] = ObjectMeta.Name(deleted) };
        if (kind.Group.Length > 0)
        {
            details["group"] = kind.Group;
        }
        details["kind"] = kind.Plural;
        details["uid"] = ObjectMeta.Uid(deleted);
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
