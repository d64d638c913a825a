using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>
/// YAML documents as JSON, with the YAML 1.2 core schema the API server (sigs.k8s.io/yaml) uses for plain scalars:
/// true/false, null/~/empty, integers and floats are typed; anything quoted stays a string.
/// </summary>
public static class YamlJson
{
    /// <summary>Every document of a multi-document YAML text; empty documents are skipped.</summary>
    public static IReadOnlyList<JsonNode> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: yaml: line {ex.Start.Line}: {ex.Message}");
        }
        return stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonNode>().ToList();
    }

    public static JsonNode? Parse(string yaml) => ParseAll(yaml).FirstOrDefault();

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    // YamlDotNet refuses duplicate keys while loading, so every key here is new.
    private static JsonObject Mapping(YamlMappingNode mapping) =>
        new(mapping.Children.Select(entry => KeyValuePair.Create(entry.Key is YamlScalarNode key ? key.Value ?? "" : entry.Key.ToString(), Convert(entry.Value))));

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when IsFloat(text) => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    private static bool IsFloat(string text) =>
        text.Any(char.IsDigit) && text.All(c => char.IsDigit(c) || c is '.' or '-' or '+' or 'e' or 'E')
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
