using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// The OpenAPI checks a CRD's schema makes, one call per declared field, with the API server's wording. Admission
/// plugins spell out their schema with these (written by hand from the CRD, never loaded from it).
/// </summary>
internal sealed class SchemaChecks(FieldErrors errors)
{
    public FieldErrors Errors => errors;

    /// <summary>The object at parent[key] if present and an object; reports a type error otherwise.</summary>
    public JsonObject? Object(JsonObject parent, string key, string path, bool required = false)
    {
        var value = Present(parent, key, path, required);
        if (value is null or JsonObject)
        {
            return (JsonObject?)value;
        }
        errors.WrongType(path, value, "object");
        return null;
    }

    public JsonArray? Array(JsonObject parent, string key, string path)
    {
        var value = Present(parent, key, path, required: false);
        if (value is null or JsonArray)
        {
            return (JsonArray?)value;
        }
        errors.WrongType(path, value, "array");
        return null;
    }

    /// <summary>An array of objects at parent[key]: each object is checked by <paramref name="item"/> with its path (key[i]); anything else is a type error.</summary>
    public void Objects(JsonObject parent, string key, string path, Action<JsonObject, string> item)
    {
        if (Array(parent, key, path) is not { } array)
        {
            return;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (array[i] is JsonObject obj)
            {
                item(obj, itemPath);
            }
            else
            {
                errors.WrongType(itemPath, array[i], "object");
            }
        }
    }

    public string? String(JsonObject parent, string key, string path, bool required = false, int? minLength = null, int? maxLength = null, IReadOnlyList<string>? allowed = null, string? pattern = null)
    {
        var value = Present(parent, key, path, required);
        if (value is null)
        {
            return null;
        }
        if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
        {
            errors.WrongType(path, value, "string");
            return null;
        }
        var text = scalar.GetValue<string>();
        var length = text.EnumerateRunes().Count();
        if (allowed is not null && !allowed.Contains(text))
        {
            errors.NotSupported(path, value, allowed);
        }
        if (minLength is { } min && length < min)
        {
            errors.Invalid(path, value, $"{path} in body should be at least {min} chars long");
        }
        if (maxLength is { } max && length > max)
        {
            errors.TooLong(path, max);
        }
        if (pattern is not null && !System.Text.RegularExpressions.Regex.IsMatch(text, pattern))
        {
            errors.Invalid(path, value, $"{path} in body should match '{pattern}'");
        }
        return text;
    }

    public long? Integer(JsonObject parent, string key, string path, bool required = false, long? minimum = null, long? maximum = null)
    {
        var value = Present(parent, key, path, required);
        if (value is null)
        {
            return null;
        }
        if (value is not JsonValue scalar || !FieldErrors.IsInteger(scalar) || !FieldErrors.TryReadNumber(scalar, out var exact))
        {
            errors.WrongType(path, value, "integer");
            return null;
        }
        var number = (long)exact;
        if (minimum is { } min && number < min)
        {
            errors.Invalid(path, value, $"{path} in body should be greater than or equal to {min}");
        }
        if (maximum is { } max && number > max)
        {
            errors.Invalid(path, value, $"{path} in body should be less than or equal to {max}");
        }
        return number;
    }

    public void Number(JsonObject parent, string key, string path)
    {
        var value = Present(parent, key, path, required: false);
        if (value is not null && (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.Number))
        {
            errors.WrongType(path, value, "number");
        }
    }

    public void Boolean(JsonObject parent, string key, string path, bool required = false)
    {
        var value = Present(parent, key, path, required);
        if (value is not null && (value is not JsonValue scalar || scalar.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)))
        {
            errors.WrongType(path, value, "boolean");
        }
    }

    /// <summary>An object whose every declared property is a string (most of the CRD's reference and context objects).</summary>
    public void ObjectOfStrings(JsonObject parent, string key, string path, params string[] properties)
    {
        if (Object(parent, key, path) is { } obj)
        {
            Strings(obj, path, properties);
        }
    }

    /// <summary>Checks that each named property of <paramref name="obj"/>, where present, is a string.</summary>
    public void Strings(JsonObject obj, string path, params string[] properties)
    {
        foreach (var property in properties)
        {
            String(obj, property, $"{path}.{property}");
        }
    }

    /// <summary>A map[string]string (additionalProperties: string).</summary>
    public void StringMap(JsonObject parent, string key, string path)
    {
        if (Object(parent, key, path) is { } map)
        {
            foreach (var (entry, _) in map)
            {
                String(map, entry, $"{path}.{entry}");
            }
        }
    }

    /// <summary>RFC 3339 date-time, as the schema's format: date-time demands.</summary>
    public void DateTime(JsonObject parent, string key, string path, bool required = false)
    {
        if (String(parent, key, path, required) is { } text && !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _))
        {
            errors.Invalid(path, parent[key], $"{path} in body must be of type date-time: \"{text}\"");
        }
    }

    private JsonNode? Present(JsonObject parent, string key, string path, bool required)
    {
        if (parent.TryGetPropertyValue(key, out var value) && value is not null)
        {
            return value;
        }
        if (required)
        {
            errors.Required(path);
        }
        return null;
    }
}
