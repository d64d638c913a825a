using System.Text.Json;
using System.Text.RegularExpressions;
using Kubernaut.Emulator.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// The HTTPS API port: /readyz without auth, and /api/v1/* behind the auth middleware, then validation, then the
/// audit handlers. Auth runs before validation, so an unauthenticated malformed request is a 401, not a 400.
/// </summary>
internal sealed partial class AuditApi(
    AuditEventStore store,
    FaultPlan faults,
    DataStorageAuthorizer authorizer,
    Readiness readiness,
    TimeProvider time,
    ILogger logger)
{
    private const string EventsPath = "/api/v1/audit/events";
    private const string BatchPath = "/api/v1/audit/events/batch";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path == "/readyz")
        {
            await (HttpMethods.IsGet(request.Method)
                ? readiness.WriteReadyzAsync(context)
                : MethodNotAllowed(context, "GET"));
            return;
        }
        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            await Problem.NotFound($"No route {request.Method} {path}: the DataStorage API lives under /api/v1 (health is GET /readyz here, /healthz and /readyz on the health port).").WriteAsync(context);
            return;
        }

        var (user, refusal) = authorizer.Authorize(request);
        if (refusal is not null)
        {
            if (refusal.Status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }
            logger.LogInformation("{Method} {Path} refused with {Status}: {Detail}", request.Method, path, refusal.Status, refusal.Detail);
            await refusal.WriteAsync(context);
            return;
        }

        await RouteAsync(context, path);
        logger.LogDebug("{Method} {Path}{Query} by {User} -> {Status}", request.Method, path, request.QueryString, user!.Username, context.Response.StatusCode);
    }

    private Task RouteAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        return path switch
        {
            EventsPath when HttpMethods.IsPost(method) => CreateAsync(context),
            EventsPath when HttpMethods.IsGet(method) => QueryAsync(context),
            EventsPath => MethodNotAllowed(context, "GET, POST"),
            BatchPath when HttpMethods.IsPost(method) => CreateBatchAsync(context),
            BatchPath => MethodNotAllowed(context, "POST"),
            _ when NotEmulated().IsMatch(path) => Problem.NotImplemented(
                $"{method} {path} is part of the DataStorage API but the Kubernaut Emulator implements only the audit event endpoints " +
                $"({EventsPath} and {BatchPath}); run this scenario against the kind or existing target.").WriteAsync(context),
            _ => Problem.NotFound($"No route {method} {path}: the emulated DataStorage serves POST/GET {EventsPath} and POST {BatchPath}.").WriteAsync(context),
        };
    }

    private async Task CreateAsync(HttpContext context)
    {
        using var body = await ReadJsonAsync(context, "an AuditEventRequest JSON object");
        if (body is null)
        {
            return;
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var input = AuditEventRequestReader.Read(body.RootElement, "", errors);
        if (input is null)
        {
            await Problem.InvalidFields("The audit event", errors).WriteAsync(context);
            return;
        }
        var stored = store.Append([input], faults.AuditDuplication)[0];
        await JsonOutput.WriteAsync(context.Response, StatusCodes.Status201Created, JsonOutput.Json, json =>
        {
            json.WriteStartObject();
            json.WriteString("event_id", stored.EventIdText);
            json.WriteString("event_timestamp", TimeFormats.FormatRfc3339(stored.Timestamp));
            json.WriteString("message", "Audit event created successfully");
            json.WriteEndObject();
        });
    }

    private async Task CreateBatchAsync(HttpContext context)
    {
        using var body = await ReadJsonAsync(context, "a JSON array of AuditEventRequest objects");
        if (body is null)
        {
            return;
        }
        if (body.RootElement.ValueKind != JsonValueKind.Array)
        {
            await Problem.Validation($"The batch body must be a JSON array of AuditEventRequest objects; to write a single event object POST it to {EventsPath}.").WriteAsync(context);
            return;
        }
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new List<AuditEventInput>(body.RootElement.GetArrayLength());
        var index = 0;
        foreach (var element in body.RootElement.EnumerateArray())
        {
            if (AuditEventRequestReader.Read(element, $"[{index++}]", errors) is { } input)
            {
                inputs.Add(input);
            }
        }
        if (errors.Count > 0)
        {
            await Problem.InvalidFields("The batch (nothing was stored)", errors).WriteAsync(context);
            return;
        }
        var copies = faults.AuditDuplication;
        var stored = store.Append(inputs, copies);
        await JsonOutput.WriteAsync(context.Response, StatusCodes.Status201Created, JsonOutput.Json, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("event_ids");
            for (var i = 0; i < stored.Count; i += copies)
            {
                json.WriteStringValue(stored[i].EventIdText);
            }
            json.WriteEndArray();
            json.WriteString("message", $"{inputs.Count} audit events created successfully");
            json.WriteEndObject();
        });
    }

    private async Task QueryAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = AuditQueryReader.Read(context.Request.Query, time.GetUtcNow(), errors);
        if (query is null)
        {
            await Problem.InvalidFields("The audit query", errors).WriteAsync(context);
            return;
        }
        if (faults.TryConsumeQueryFailure())
        {
            logger.LogWarning("Failing audit query {Query}: injected fault", context.Request.QueryString);
            await Problem.DatabaseError("The audit query failed: injected fault (FaultPlan.FailAuditQueries), as a flaky DataStorage would; retry the query.").WriteAsync(context);
            return;
        }
        var result = store.Query(query);
        await JsonOutput.WriteAsync(context.Response, StatusCodes.Status200OK, JsonOutput.Json, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var e in result.Events)
            {
                json.WriteRawValue(e.Json.Span, skipInputValidation: true);
            }
            json.WriteEndArray();
            json.WriteStartObject("pagination");
            json.WriteNumber("limit", result.Limit);
            json.WriteNumber("offset", result.Offset);
            json.WriteNumber("total", result.Total);
            json.WriteBoolean("has_more", result.HasMore);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>The parsed body, or null after writing the 400 that explains why there is none.</summary>
    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context, string expected)
    {
        var request = context.Request;
        if (!(request.ContentType?.StartsWith(JsonOutput.Json, StringComparison.OrdinalIgnoreCase) ?? false))
        {
            await Problem.Validation($"Content-Type must be {JsonOutput.Json} (got \"{request.ContentType}\"); send {expected}.").WriteAsync(context);
            return null;
        }
        try
        {
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await Problem.Validation($"The request body is not valid JSON ({ex.Message}); send {expected}.").WriteAsync(context);
            return null;
        }
    }

    private static Task MethodNotAllowed(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return Problem.MethodNotAllowed($"{context.Request.Method} is not allowed on {context.Request.Path}; allowed: {allow}.").WriteAsync(context);
    }

    // The spec's other /api/v1 operations (legal hold, export, reconstruction, chain verification, effectiveness,
    // remediation history, notification audit): real routes the emulator does not serve.
    [GeneratedRegex(@"^/api/v1/(audit/(notifications|legal-hold(/[^/]+)?|export|verify-chain|remediation-requests/[^/]+/reconstruct)|effectiveness/[^/]+|remediation-history/context)$", RegexOptions.CultureInvariant)]
    private static partial Regex NotEmulated();
}
