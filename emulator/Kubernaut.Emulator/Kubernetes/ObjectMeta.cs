using System.Globalization;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>Reads and writes metadata fields of objects held as JSON.</summary>
public static class ObjectMeta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string Name(JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";

    public static string Namespace(JsonObject obj) => (string?)obj["metadata"]?["namespace"] ?? "";

    public static string Uid(JsonObject obj) => (string?)obj["metadata"]?["uid"] ?? "";

    public static string ResourceVersion(JsonObject obj) => (string?)obj["metadata"]?["resourceVersion"] ?? "";

    /// <summary>The resource version as the number the store counts with (it writes numeric versions only), for ordering.</summary>
    public static long ResourceVersionNumber(JsonObject obj) => ReadInt64(obj["metadata"]?["resourceVersion"]);

    public static long Generation(JsonObject obj) => ReadInt64(obj["metadata"]?["generation"]);

    /// <summary>A JSON number as long, whatever CLR type the node was built from (int, long, or parsed text).</summary>
    public static long ReadInt64(JsonNode? node) =>
        node is JsonValue value && long.TryParse(value.ToJsonString().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    /// <summary>The text of a JSON string node; null for anything else (never throws on a number or an object).</summary>
    public static string? ReadString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> Annotations(JsonObject obj) => StringMap(obj["metadata"]?["annotations"]);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        if (node is not JsonObject map)
        {
            return EmptyMap;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = value?.ToString() ?? "";
        }
        return result;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}
