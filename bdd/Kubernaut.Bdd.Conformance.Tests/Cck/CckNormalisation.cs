using System.Text.Json.Nodes;
using Kubernaut.Bdd.Conformance.Tests.Gherkin;

namespace Kubernaut.Bdd.Conformance.Tests.Cck;

/// <summary>
/// Makes a Compatibility Kit message stream comparable across implementations, applied alike to the official and to
/// our stream. What depends on the implementation, the machine or the clock is neutralised; everything else must match:
/// <list type="bullet">
/// <item>ids are renamed by the order of their first appearance (<see cref="MessageComparison"/>);</item>
/// <item>every timestamp and duration becomes zero;</item>
/// <item>feature uris become sample-relative ("samples/minimal/minimal.feature" → "minimal.feature");</item>
/// <item>a step definition's, hook's or parameter type's <c>sourceReference</c> loses its uri and location (our C# lines are not the TypeScript ones);</item>
/// <item>stack traces become a placeholder, and an exception type loses its .NET namespace, with each language's
/// base errors equated (<c>Exception</c> = <c>Error</c>, <c>PendingStepException</c> = <c>PendingException</c>,
/// xUnit's <c>SkipException</c> = <c>SkippedException</c>);</item>
/// <item><c>meta</c> keeps only its protocol version (implementation, runtime, os, cpu and ci describe the run);</item>
/// <item>snippet code and language become placeholders (ours are C#).</item>
/// </list>
/// </summary>
public static class CckNormalisation
{
    private static readonly Dictionary<string, string> CucumberErrorTypes = new(StringComparer.Ordinal)
    {
        ["Exception"] = "Error",
        ["PendingStepException"] = "PendingException",
        ["SkipException"] = "SkippedException",
    };

    public static List<JsonNode> Normalise(IEnumerable<JsonNode> envelopes, string sample)
    {
        var samplePrefix = $"samples/{sample}/";
        return MessageComparison.Normalise(envelopes.Select(envelope => Neutralise(envelope, samplePrefix)!), blankUris: false);
    }

    /// <summary>A neutralised copy; the input is left as it is.</summary>
    private static JsonNode? Neutralise(JsonNode? node, string samplePrefix) => node switch
    {
        JsonObject obj => Copy(obj, (key, value) => Neutralise(key, value, samplePrefix)),
        JsonArray array => new JsonArray(array.Select(item => Neutralise(item, samplePrefix)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Neutralise(string key, JsonNode? value, string samplePrefix) => (key, value) switch
    {
        ("timestamp" or "duration", JsonObject) => new JsonObject { ["seconds"] = 0, ["nanos"] = 0 },
        ("meta", JsonObject meta) => new JsonObject { ["protocolVersion"] = meta["protocolVersion"]?.DeepClone() },
        ("sourceReference", JsonObject reference) => Copy(reference, (property, item) => property is "uri" or "location" ? null : Neutralise(item, samplePrefix)),
        ("uri", JsonValue uri) when uri.GetValue<string>().StartsWith(samplePrefix, StringComparison.Ordinal) => uri.GetValue<string>()[samplePrefix.Length..],
        ("stackTrace", JsonValue) => "<stack trace>",
        ("exception", JsonObject exception) => Copy(exception, (property, item) => property == "type" && item is JsonValue type
            ? CucumberErrorType(type.GetValue<string>())
            : Neutralise(property, item, samplePrefix)),
        ("snippets", JsonArray snippets) => new JsonArray(snippets.Select(snippet => snippet is JsonObject obj
            ? Copy(obj, (property, item) => property switch { "code" => "<snippet>", "language" => "<language>", _ => item?.DeepClone() })
            : snippet?.DeepClone()).ToArray()),
        _ => Neutralise(value, samplePrefix),
    };

    private static string CucumberErrorType(string dotNetType)
    {
        var name = dotNetType[(dotNetType.LastIndexOf('.') + 1)..];
        return CucumberErrorTypes.GetValueOrDefault(name, name);
    }

    /// <summary>A copy of the object with each property replaced by <paramref name="map"/>; null drops the property.</summary>
    private static JsonObject Copy(JsonObject source, Func<string, JsonNode?, JsonNode?> map)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (map(key, value) is { } mapped)
            {
                copy[key] = mapped;
            }
        }
        return copy;
    }
}
