using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>A rule a JSON value broke: where it is (a JSON path such as $.data[0].event_id) and which rule.</summary>
internal sealed record SchemaViolation(string Path, string Rule);

/// <summary>
/// Validates JSON values against OpenAPI 3.0 schema objects of one document: $ref (local JSON pointers), allOf, oneOf
/// (with discriminator mapping), anyOf, nullable, type, enum, formats (date-time, date, uuid, uri, int32, int64),
/// minimum/maximum (with the boolean exclusive flags), minLength/maxLength (in code points), pattern, required,
/// properties, additionalProperties, items, minItems/maxItems.
/// </summary>
internal sealed partial class SchemaValidator(JsonNode document)
{
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public IReadOnlyList<SchemaViolation> Validate(JsonNode schema, JsonNode? instance, string path = "$")
    {
        var violations = new List<SchemaViolation>();
        Check(schema, instance, path, violations);
        return violations;
    }

    /// <summary>The node a local reference such as #/components/schemas/AuditEvent points at.</summary>
    private JsonNode Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local $ref values are supported, got \"{reference}\"");
        }
        JsonNode? node = document;
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            } ?? throw new InvalidOperationException($"$ref \"{reference}\" does not resolve (no \"{token}\")");
        }
        return node;
    }

    /// <summary>Follows $ref until a schema (or parameter, response ...) object with content.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        for (var hops = 0; hops < 64; hops++)
        {
            if (node is not JsonObject o)
            {
                throw new InvalidOperationException($"Expected an object in the spec, got {node.ToJsonString()}");
            }
            if (o["$ref"] is not JsonValue reference)
            {
                return o;
            }
            node = Pointer(reference.GetValue<string>());
        }
        throw new InvalidOperationException("$ref chain longer than 64 hops (a cycle?)");
    }

    private void Check(JsonNode schemaNode, JsonNode? instance, string path, List<SchemaViolation> violations)
    {
        var schema = Resolve(schemaNode);
        if (instance is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                violations.Add(new(path, "nullable: the value is null but the schema is not nullable"));
            }
            return;
        }
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var sub in allOf)
            {
                Check(sub!, instance, path, violations);
            }
        }
        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(sub => Validate(sub!, instance, path).Count == 0))
        {
            violations.Add(new(path, $"anyOf: matches none of the {anyOf.Count} schemas"));
        }
        if (schema["oneOf"] is JsonArray oneOf)
        {
            CheckOneOf(schema, oneOf, instance, path, violations);
        }
        if (schema["type"] is JsonValue typeNode && !HasType(instance, typeNode.GetValue<string>()))
        {
            violations.Add(new(path, $"type: expected {typeNode.GetValue<string>()}, got {Describe(instance)} {Preview(instance)}"));
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(value => JsonNode.DeepEquals(value, instance)))
        {
            violations.Add(new(path, $"enum: {Preview(instance)} is not one of {allowed.ToJsonString()}"));
        }
        switch (instance)
        {
            case JsonObject obj:
                CheckObject(schema, obj, path, violations);
                break;
            case JsonArray array:
                CheckArray(schema, array, path, violations);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(schema, value.GetValue<string>(), path, violations);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                CheckNumber(schema, Number(value), path, violations);
                break;
        }
    }

    private void CheckOneOf(JsonObject schema, JsonArray oneOf, JsonNode instance, string path, List<SchemaViolation> violations)
    {
        if (schema["discriminator"] is JsonObject discriminator && instance is JsonObject obj)
        {
            var property = discriminator["propertyName"]!.GetValue<string>();
            if (obj[property] is not JsonValue selector || selector.GetValueKind() != JsonValueKind.String)
            {
                violations.Add(new(path, $"discriminator: the object has no string property \"{property}\" to select its oneOf schema"));
                return;
            }
            var key = selector.GetValue<string>();
            var target = discriminator["mapping"]?[key]?.GetValue<string>()
                ?? oneOf.Select(sub => sub?["$ref"]?.GetValue<string>()).FirstOrDefault(reference => reference?.EndsWith("/" + key, StringComparison.Ordinal) == true);
            if (target is null)
            {
                violations.Add(new(Child(path, property), $"discriminator: \"{key}\" is not in the mapping of {property}"));
                return;
            }
            Check(new JsonObject { ["$ref"] = target }, instance, path, violations);
            return;
        }
        var matches = oneOf.Count(sub => Validate(sub!, instance, path).Count == 0);
        if (matches != 1)
        {
            violations.Add(new(path, matches == 0 ? $"oneOf: matches none of the {oneOf.Count} schemas" : $"oneOf: matches {matches} schemas, expected exactly one"));
        }
    }

    private void CheckObject(JsonObject schema, JsonObject obj, string path, List<SchemaViolation> violations)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()).Where(name => !obj.ContainsKey(name)))
            {
                violations.Add(new(Child(path, name), "required: the property is missing"));
            }
        }
        var properties = schema["properties"] as JsonObject;
        foreach (var (name, value) in obj)
        {
            if (properties?[name] is { } propertySchema)
            {
                Check(propertySchema, value, Child(path, name), violations);
                continue;
            }
            switch (schema["additionalProperties"])
            {
                case JsonValue flag when flag.GetValueKind() == JsonValueKind.False:
                    violations.Add(new(Child(path, name), "additionalProperties: the property is not declared and additional properties are not allowed"));
                    break;
                case JsonObject additional:
                    Check(additional, value, Child(path, name), violations);
                    break;
            }
        }
    }

    private void CheckArray(JsonObject schema, JsonArray array, string path, List<SchemaViolation> violations)
    {
        if (schema["minItems"] is JsonValue min && array.Count < Number(min))
        {
            violations.Add(new(path, $"minItems: {array.Count} items, at least {Number(min)} required"));
        }
        if (schema["maxItems"] is JsonValue max && array.Count > Number(max))
        {
            violations.Add(new(path, $"maxItems: {array.Count} items, at most {Number(max)} allowed"));
        }
        if (schema["items"] is JsonNode items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{path}[{i}]", violations);
            }
        }
    }

    private void CheckString(JsonObject schema, string value, string path, List<SchemaViolation> violations)
    {
        var length = value.EnumerateRunes().Count();
        if (schema["minLength"] is JsonValue min && length < Number(min))
        {
            violations.Add(new(path, $"minLength: {length} characters, at least {Number(min)} required"));
        }
        if (schema["maxLength"] is JsonValue max && length > Number(max))
        {
            violations.Add(new(path, $"maxLength: {length} characters, at most {Number(max)} allowed"));
        }
        if (schema["pattern"] is JsonValue pattern && !Pattern(pattern.GetValue<string>()).IsMatch(value))
        {
            violations.Add(new(path, $"pattern: \"{Truncate(value)}\" does not match {pattern.GetValue<string>()}"));
        }
        var format = schema["format"]?.GetValue<string>();
        var valid = format switch
        {
            "date-time" => IsDateTime(value),
            "date" => IsDate(value),
            "uuid" => UuidPattern().IsMatch(value),
            "uri" => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
            _ => true,
        };
        if (!valid)
        {
            violations.Add(new(path, $"format {format}: \"{Truncate(value)}\" is not a valid {format}"));
        }
    }

    private static void CheckNumber(JsonObject schema, double value, string path, List<SchemaViolation> violations)
    {
        if (schema["minimum"] is JsonValue min)
        {
            var exclusive = schema["exclusiveMinimum"]?.GetValue<bool>() == true;
            if (exclusive ? value <= Number(min) : value < Number(min))
            {
                violations.Add(new(path, $"minimum: {value.ToString(CultureInfo.InvariantCulture)} is below {(exclusive ? "or equal to " : "")}{Number(min)}"));
            }
        }
        if (schema["maximum"] is JsonValue max)
        {
            var exclusive = schema["exclusiveMaximum"]?.GetValue<bool>() == true;
            if (exclusive ? value >= Number(max) : value > Number(max))
            {
                violations.Add(new(path, $"maximum: {value.ToString(CultureInfo.InvariantCulture)} is above {(exclusive ? "or equal to " : "")}{Number(max)}"));
            }
        }
        var (low, high) = schema["format"]?.GetValue<string>() switch
        {
            "int32" => ((double)int.MinValue, (double)int.MaxValue),
            "int64" => ((double)long.MinValue, (double)long.MaxValue),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        if (value < low || value > high)
        {
            violations.Add(new(path, $"format {schema["format"]}: {value.ToString(CultureInfo.InvariantCulture)} is out of range"));
        }
    }

    private static bool HasType(JsonNode instance, string type) => type switch
    {
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Math.Floor(Number(v)) == Number(v),
        _ => throw new NotSupportedException($"Unknown schema type \"{type}\""),
    };

    private static bool IsDateTime(string value)
    {
        var match = DateTimePattern().Match(value);
        return match.Success && DateTime.TryParseExact(match.Groups["date"].Value + "T" + match.Groups["time"].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    private static bool IsDate(string value) =>
        value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            _patterns[pattern] = regex = new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant);
        }
        return regex;
    }

    private static string Child(string path, string name) =>
        IdentifierPattern().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name}']";

    private static string Describe(JsonNode instance) => instance switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ => instance.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static string Preview(JsonNode instance) => Truncate(instance.ToJsonString());

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";

    // RFC 3339: full-date "T" full-time, with a mandatory offset.
    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt](?<time>\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
