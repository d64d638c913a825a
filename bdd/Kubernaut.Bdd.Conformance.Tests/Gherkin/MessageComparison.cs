using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>
/// Compares message envelopes as JSON, independent of property order, of the ids an implementation draws and
/// (optionally) of the uri it was given: properties are sorted, every id ("id", "…Id", "…Ids") is renamed by the
/// order of its first appearance, uris are blanked. The same normalisation is applied to the expected and to the
/// actual stream.
/// </summary>
public static class MessageComparison
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Normalises a stream of envelopes with one id mapping across all of them (pickles refer to AST ids).</summary>
    /// <param name="blankUris">False when the caller has already made uris comparable and they must match.</param>
    public static List<JsonNode> Normalise(IEnumerable<JsonNode> envelopes, bool blankUris = true)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return envelopes.Select(envelope => Normalise(envelope, ids, blankUris)!).ToList();
    }

    /// <summary>The first difference as "path: expected X, actual Y", or null when the two are equal.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject expectedObject, JsonObject actualObject):
                foreach (var key in expectedObject.Select(p => p.Key).Union(actualObject.Select(p => p.Key)).OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (!expectedObject.ContainsKey(key)) return $"{path}.{key}: expected no property, actual {Show(actualObject[key])}";
                    if (!actualObject.ContainsKey(key)) return $"{path}.{key}: expected {Show(expectedObject[key])}, actual no property";
                    var difference = FirstDifference(expectedObject[key], actualObject[key], $"{path}.{key}");
                    if (difference != null) return difference;
                }
                return null;
            case (JsonArray expectedArray, JsonArray actualArray):
                for (var i = 0; i < Math.Min(expectedArray.Count, actualArray.Count); i++)
                {
                    var difference = FirstDifference(expectedArray[i], actualArray[i], $"{path}[{i}]");
                    if (difference != null) return difference;
                }
                return expectedArray.Count == actualArray.Count
                    ? null
                    : $"{path}: expected {expectedArray.Count} items, actual {actualArray.Count}";
            default:
                var expectedText = Show(expected);
                var actualText = Show(actual);
                return expectedText == actualText ? null : $"{path}: expected {expectedText}, actual {actualText}";
        }
    }

    private static JsonNode? Normalise(JsonNode? node, Dictionary<string, string> ids, bool blankUris, string? property = null)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sorted[key] = key == "uri" && blankUris ? JsonValue.Create("<uri>") : Normalise(value, ids, blankUris, key);
                }
                return sorted;
            case JsonArray array:
                return new JsonArray(array.Select(item => Normalise(item, ids, blankUris, property)).ToArray());
            case JsonValue value when property != null && IsIdProperty(property):
                var id = value.GetValue<string>();
                if (!ids.TryGetValue(id, out var renamed))
                {
                    renamed = "id#" + ids.Count;
                    ids.Add(id, renamed);
                }
                return JsonValue.Create(renamed);
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsIdProperty(string property) =>
        property == "id" || property.EndsWith("Id", StringComparison.Ordinal) || property.EndsWith("Ids", StringComparison.Ordinal);

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(Readable) ?? "null";
        return text.Length > 200 ? text[..200] + "..." : text;
    }
}
