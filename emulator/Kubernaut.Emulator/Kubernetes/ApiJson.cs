using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>JSON as the API server's Go encoder writes it: compact, non-ASCII text left as is.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);
}
