using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// Collects field errors worded as the API server words them (k8s.io/apimachinery field.Error plus the OpenAPI
/// validator's "in body should be ..." details), and turns them into one 422 Invalid.
/// </summary>
internal sealed class FieldErrors
{
    private readonly List<StatusCause> _causes = [];

    public bool Any => _causes.Count > 0;

    public void Required(string field) => Add("FieldValueRequired", "Required value", field);

    public void NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        Add("FieldValueNotSupported", $"Unsupported value: {Render(value)}: supported values: {string.Join(", ", supported.Select(v => $"\"{v}\""))}", field);

    public void Invalid(string field, JsonNode? value, string detail) => Add("FieldValueInvalid", $"Invalid value: {Render(value)}: {detail}", field);

    public void TooLong(string field, int maxLength) => Add("FieldValueTooLong", $"Too long: may not be more than {maxLength} bytes", field);

    public void Forbidden(string field, string detail) => Add("FieldValueForbidden", $"Forbidden: {detail}", field);

    public void Duplicate(string field, JsonNode? value) => Add("FieldValueDuplicate", $"Duplicate value: {Render(value)}", field);

    /// <summary>The OpenAPI type check: "Invalid value: "string": f in body must be of type integer: "string"".</summary>
    public void WrongType(string field, JsonNode? value, string expectedType)
    {
        var actual = JsonTypeName(value);
        Add("FieldValueInvalid", $"Invalid value: \"{actual}\": {field} in body must be of type {expectedType}: \"{actual}\"", field);
    }

    public void ThrowIfAny(ResourceKind kind, string name)
    {
        if (Any)
        {
            throw ApiException.Invalid(kind, name, _causes.OrderBy(c => c.Field, StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>Go's %v of a JSON value as field errors print it: strings quoted, numbers bare, objects "object".</summary>
    public static string Render(JsonNode? value) => value switch
    {
        null => "\"null\"",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(v.GetValue<string>(), ApiJson.Options),
        _ => value.ToJsonString(),
    };

    public static string JsonTypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number when IsInteger(v) => "integer",
            JsonValueKind.Number => "number",
            _ => "null",
        },
        _ => "unknown",
    };

    public static bool IsInteger(JsonValue value) => TryReadNumber(value, out var number) && decimal.Truncate(number) == number;

    /// <summary>Reads a JSON number whatever CLR type the node was built from (parsed text, int, long, double).</summary>
    public static bool TryReadNumber(JsonValue value, out decimal number)
    {
        number = 0;
        return value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private void Add(string reason, string message, string field) => _causes.Add(new StatusCause(reason, message, field));
}
