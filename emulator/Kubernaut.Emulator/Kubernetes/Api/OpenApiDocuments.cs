using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// OpenAPI v3 as far as kubectl needs it: the /openapi/v3 index and one document per group/version listing every
/// resource path with its operations. kubectl create/apply (validate=strict by default) read the PATCH operation of the
/// kind (x-kubernetes-group-version-kind) to learn that the server validates fields itself (fieldValidation), and then
/// leave validation to the server. No object schemas are published (kubectl explain is not supported).
/// /openapi/v2 is not served: kubectl only falls back to it when v3 is missing.
/// </summary>
internal static class OpenApiDocuments
{
    // Serialized once: the documents never change while the emulator runs.
    private static readonly Lazy<Dictionary<string, string>> Documents = new(() => BuildDocuments().ToDictionary(d => d.Key, d => ApiJson.Serialize(d.Value)));
    private static readonly Lazy<string> IndexDocument = new(() => ApiJson.Serialize(Index()));

    public static async Task ServeAsync(HttpContext context, string[] path)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw ApiException.MethodNotAllowed();
        }
        if (path is ["v3"])
        {
            await ApiResponses.WriteJsonTextAsync(context, IndexDocument.Value);
            return;
        }
        if (path is ["v3", .. var groupVersion] && Documents.Value.TryGetValue(string.Join('/', groupVersion), out var document))
        {
            await ApiResponses.WriteJsonTextAsync(context, document);
            return;
        }
        throw ApiException.PathNotFound();
    }

    private static JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (key, document) in Documents.Value)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    private static Dictionary<string, JsonObject> BuildDocuments()
    {
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var kind in ApiResources.Served)
        {
            var key = kind.Group.Length == 0 ? $"api/{kind.Version}" : $"apis/{kind.Group}/{kind.Version}";
            if (!documents.TryGetValue(key, out var document))
            {
                document = new JsonObject
                {
                    ["openapi"] = "3.0.0",
                    ["info"] = new JsonObject { ["title"] = "Kubernetes (Kubernaut emulator)", ["version"] = Discovery.GitVersion },
                    ["paths"] = new JsonObject(),
                    ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
                };
                documents[key] = document;
            }
            AddPaths((JsonObject)document["paths"]!, "/" + key, kind);
        }
        return documents;
    }

    private static void AddPaths(JsonObject paths, string prefix, ResourceKind kind)
    {
        var collection = kind.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{kind.Plural}" : $"{prefix}/{kind.Plural}";
        if (ApiResources.IsReview(kind))
        {
            paths[collection] = new JsonObject { ["post"] = Operation(kind, "create") };
            return;
        }
        paths[collection] = new JsonObject
        {
            ["get"] = Operation(kind, "list"),
            ["post"] = Operation(kind, "create"),
            ["delete"] = Operation(kind, "deletecollection"),
        };
        paths[collection + "/{name}"] = new JsonObject
        {
            ["get"] = Operation(kind, "get"),
            ["put"] = Operation(kind, "update"),
            ["patch"] = Operation(kind, "patch"),
            ["delete"] = Operation(kind, "delete"),
        };
        if (kind.HasStatusSubresource)
        {
            paths[collection + "/{name}/status"] = new JsonObject
            {
                ["get"] = Operation(kind, "get"),
                ["put"] = Operation(kind, "update"),
                ["patch"] = Operation(kind, "patch"),
            };
        }
    }

    private static JsonObject Operation(ResourceKind kind, string action)
    {
        var parameters = new JsonArray();
        if (action is "create" or "update" or "patch")
        {
            parameters.Add(QueryParameter("fieldValidation", "Strict, Warn or Ignore: what to do with unknown or duplicate fields"));
            parameters.Add(QueryParameter("fieldManager", "the name of the actor making the change"));
        }
        return new JsonObject
        {
            ["operationId"] = $"{action}{kind.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action == "create" ? "post" : action == "update" ? "put" : action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind },
        };
    }

    private static JsonObject QueryParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
