using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>Reads request bodies as the API server accepts them: JSON or YAML, one object, metadata of the right shape.</summary>
internal static class RequestBodies
{
    private const int MaxBodyBytes = 3 * 1024 * 1024;

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.Length > MaxBodyBytes ? throw TooLarge() : buffer.ToArray();
    }

    private static ApiException TooLarge() =>
        new(System.Net.HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", $"the request body is larger than {MaxBodyBytes} bytes");

    /// <summary>The body as a JSON node (YAML and kubectl's protobuf accepted when the Content-Type says so); null when empty.</summary>
    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request)
    {
        var bytes = await ReadBytesAsync(request);
        var mediaType = MediaTypeOf(request);
        if (mediaType == ProtobufBodies.MediaType)
        {
            return bytes.Length == 0 ? null : ProtobufBodies.Decode(bytes);
        }
        var text = Encoding.UTF8.GetString(bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (IsYaml(mediaType))
        {
            return YamlJson.Parse(text);
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"the request body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The media type of a Content-Type header, lower case and without parameters ("" when there is none).</summary>
    public static string MediaType(string? contentType) => (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    private static string MediaTypeOf(HttpRequest request) => MediaType(request.ContentType ?? "application/json");

    private static bool IsYaml(string mediaType) => mediaType is "application/yaml" or "application/x-yaml" or "text/yaml";

    /// <summary>A body that must be one Kubernetes object of <paramref name="kind"/>; 400 for anything else.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, ResourceKind kind)
    {
        var mediaType = MediaTypeOf(request);
        if (!IsYaml(mediaType) && mediaType is not ("application/json" or ProtobufBodies.MediaType or ""))
        {
            throw ApiException.UnsupportedMediaType(mediaType, ["application/json", "application/yaml"]);
        }
        if (await ReadNodeAsync(request) is not JsonObject obj)
        {
            throw ApiException.BadRequest($"the request body must be a JSON object of kind {kind.Kind}");
        }
        EnsureKind(obj, kind);
        EnsureMetadataShape(obj);
        return obj;
    }

    public static void EnsureKind(JsonObject obj, ResourceKind kind)
    {
        if (obj["apiVersion"] is { } apiVersion && ObjectMeta.ReadString(apiVersion) != kind.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
        }
        if (obj["kind"] is { } objectKind && ObjectMeta.ReadString(objectKind) != kind.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({objectKind}) does not match the resource {kind.QualifiedName} (kind {kind.Kind})");
        }
    }

    /// <summary>What Go's decoder would refuse: metadata that is not an object, names that are not strings, non-string labels.</summary>
    public static void EnsureMetadataShape(JsonObject obj)
    {
        var metadata = obj["metadata"];
        if (metadata is null)
        {
            return;
        }
        if (metadata is not JsonObject fields)
        {
            throw ApiException.BadRequest("json: cannot unmarshal metadata: expected an object");
        }
        foreach (var name in new[] { "name", "namespace", "generateName", "resourceVersion", "uid" })
        {
            if (fields[name] is { } value && ObjectMeta.ReadString(value) is null)
            {
                throw ApiException.BadRequest($"json: cannot unmarshal {value.GetValueKind().ToString().ToLowerInvariant()} into Go struct field ObjectMeta.metadata.{name} of type string");
            }
        }
        foreach (var map in new[] { "labels", "annotations" })
        {
            if (fields[map] is null)
            {
                continue;
            }
            if (fields[map] is not JsonObject entries || entries.Any(e => ObjectMeta.ReadString(e.Value) is null))
            {
                throw ApiException.BadRequest($"json: cannot unmarshal into Go struct field ObjectMeta.metadata.{map} of type map[string]string: every value must be a string");
            }
        }
    }
}
