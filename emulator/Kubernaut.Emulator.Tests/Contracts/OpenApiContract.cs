using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>One HTTP request and its response (content types and bodies), as a client sent and received them or a server served them.</summary>
internal sealed record HttpExchange(
    string Method,
    Uri Uri,
    string? RequestContentType,
    byte[]? RequestBody,
    int Status,
    string? ResponseContentType,
    byte[] ResponseBody);

/// <summary>Where an exchange broke the contract: the operation, the status it got, the location (query.limit, request $.x, response $.y) and the rule.</summary>
internal sealed record ContractViolation(string Operation, int Status, string Location, string Rule)
{
    public override string ToString() => $"{Operation} -> {Status} at {Location}: {Rule}";
}

/// <summary>
/// The operations of an OpenAPI 3.0 document, checking exchanges against them: path and query parameters and the
/// request body (when the server accepted the request, the spec must accept it too), and the response (declared
/// status or default, declared content type, body schema). Paths the document does not declare are not judged.
/// </summary>
internal sealed partial class OpenApiContract
{
    private readonly SchemaValidator _schemas;
    private readonly List<(Regex Pattern, string Template, JsonObject Item)> _paths;

    private OpenApiContract(JsonObject document)
    {
        _schemas = new SchemaValidator(document);
        _paths = [.. (document["paths"] as JsonObject ?? [])
            .OrderBy(p => p.Key.Count(c => c == '{'))
            .Select(p => (PathPattern(p.Key), p.Key, (JsonObject)p.Value!))];
    }

    public static OpenApiContract Parse(string yaml) =>
        new(YamlJson.Parse(yaml) as JsonObject ?? throw new InvalidDataException("The OpenAPI document is not a YAML mapping"));

    public static OpenApiContract Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The operationId the exchange was judged against, or null when the spec does not declare it.</summary>
    public string? OperationId(HttpExchange exchange) =>
        FindPath(exchange).Item?[exchange.Method.ToLowerInvariant()]?["operationId"]?.GetValue<string>();

    public IReadOnlyList<ContractViolation> Validate(HttpExchange exchange)
    {
        var match = FindPath(exchange);
        if (match.Item is null)
        {
            return [];
        }
        var violations = new List<ContractViolation>();
        var succeeded = exchange.Status is >= 200 and < 300;
        if (match.Item[exchange.Method.ToLowerInvariant()] is not JsonObject operation)
        {
            if (succeeded)
            {
                violations.Add(new($"{exchange.Method} {match.Template}", exchange.Status, "operation", "the spec declares no such operation, yet the server answered with success (expected 404/405)"));
            }
            return violations;
        }
        var name = operation["operationId"]?.GetValue<string>() ?? $"{exchange.Method} {match.Template}";
        void Add(string location, string rule) => violations.Add(new(name, exchange.Status, location, rule));

        // Rejections are the server's to make (auth runs first, and some rules live only in prose); acceptance must agree with the spec.
        if (succeeded)
        {
            CheckParameters(match.Item, operation, match.Match!, exchange, Add);
            CheckRequestBody(operation, exchange, Add);
        }
        CheckResponse(operation, exchange, Add);
        return violations;
    }

    private (string Template, JsonObject? Item, Match Match) FindPath(HttpExchange exchange)
    {
        var requestPath = exchange.Uri.AbsolutePath;
        return _paths.Select(p => (p.Template, (JsonObject?)p.Item, Match: p.Pattern.Match(requestPath))).FirstOrDefault(p => p.Match.Success);
    }

    private void CheckParameters(JsonObject pathItem, JsonObject operation, Match pathMatch, HttpExchange exchange, Action<string, string> add)
    {
        var query = HttpUtility.ParseQueryString(exchange.Uri.Query);
        var parameters = (pathItem["parameters"] as JsonArray ?? []).Concat(operation["parameters"] as JsonArray ?? []).Select(p => _schemas.Resolve(p!));
        foreach (var parameter in parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            var raw = location switch
            {
                "query" => query[name],
                "path" => pathMatch.Groups[name].Success ? Uri.UnescapeDataString(pathMatch.Groups[name].Value) : null,
                _ => null,
            };
            if (raw is null)
            {
                if (parameter["required"]?.GetValue<bool>() == true && location is "query" or "path")
                {
                    add($"{location}.{name}", "required: the parameter is missing");
                }
                continue;
            }
            if (parameter["schema"] is not JsonNode schema)
            {
                continue;
            }
            var value = ParameterValue(_schemas.Resolve(schema), raw);
            if (value is null)
            {
                add($"{location}.{name}", $"type: \"{raw}\" is not a {_schemas.Resolve(schema)["type"]}");
                continue;
            }
            foreach (var violation in _schemas.Validate(schema, value, $"{location}.{name}"))
            {
                add(violation.Path, violation.Rule);
            }
        }
    }

    private void CheckRequestBody(JsonObject operation, HttpExchange exchange, Action<string, string> add)
    {
        if (operation["requestBody"] is not JsonNode bodyNode)
        {
            return;
        }
        var body = _schemas.Resolve(bodyNode);
        if (exchange.RequestBody is not { Length: > 0 })
        {
            if (body["required"]?.GetValue<bool>() == true)
            {
                add("request", "requestBody: required, but the request had no body");
            }
            return;
        }
        CheckContent(body["content"] as JsonObject, exchange.RequestContentType, exchange.RequestBody, "request", add);
    }

    private void CheckResponse(JsonObject operation, HttpExchange exchange, Action<string, string> add)
    {
        var responses = operation["responses"] as JsonObject ?? [];
        var status = exchange.Status.ToString(CultureInfo.InvariantCulture);
        var declared = responses[status] ?? responses[$"{status[0]}XX"] ?? responses["default"];
        if (declared is null)
        {
            add("response", $"status: {status} is not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})");
            return;
        }
        if (_schemas.Resolve(declared)["content"] is JsonObject content)
        {
            CheckContent(content, exchange.ResponseContentType, exchange.ResponseBody, "response", add);
        }
    }

    private void CheckContent(JsonObject? content, string? contentType, byte[] body, string side, Action<string, string> add)
    {
        if (content is null)
        {
            return;
        }
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "(none)";
        if (content[mediaType] is not JsonObject media)
        {
            add(side, $"content-type: {mediaType} is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})");
            return;
        }
        if (media["schema"] is not JsonNode schema || !mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return;
        }
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            add(side, $"body: not valid JSON ({ex.Message})");
            return;
        }
        foreach (var violation in _schemas.Validate(schema, instance))
        {
            add($"{side} {violation.Path}", violation.Rule);
        }
    }

    /// <summary>A query or path string as the JSON value its schema type expects; null when it cannot be one.</summary>
    private static JsonNode? ParameterValue(JsonObject schema, string raw) => schema["type"]?.GetValue<string>() switch
    {
        "integer" => long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? JsonValue.Create(integer) : null,
        "number" => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null,
        "boolean" => bool.TryParse(raw, out var flag) ? JsonValue.Create(flag) : null,
        "array" => new JsonArray([.. raw.Split(',').Select(item => (JsonNode?)JsonValue.Create(item))]),
        _ => JsonValue.Create(raw),
    };

    private static Regex PathPattern(string template) =>
        new("^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "(?<$1>[^/]+)") + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex TemplateParameter();
}
