using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>An RFC 7807 problem as DataStorage returns it (application/problem+json, type https://kubernaut.ai/problems/{kind}).</summary>
internal sealed record Problem(int Status, string Kind, string Title, string Detail, IReadOnlyDictionary<string, string>? FieldErrors = null)
{
    public const string TypePrefix = "https://kubernaut.ai/problems/";

    public static Problem Validation(string detail, IReadOnlyDictionary<string, string>? fieldErrors = null) =>
        new(StatusCodes.Status400BadRequest, "validation-error", "Validation Error", detail, fieldErrors is { Count: > 0 } ? fieldErrors : null);

    /// <summary>One problem for all field errors, the detail listing them so a log line alone explains the rejection.</summary>
    public static Problem InvalidFields(string what, IReadOnlyDictionary<string, string> fieldErrors) =>
        Validation($"{what} failed validation: " + string.Join("; ", fieldErrors.Select(e => $"{e.Key}: {e.Value}")), fieldErrors);

    public static Problem Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static Problem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static Problem NotFound(string detail) => new(StatusCodes.Status404NotFound, "not-found", "Not Found", detail);

    public static Problem MethodNotAllowed(string detail) => new(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method Not Allowed", detail);

    public static Problem NotImplemented(string detail) => new(StatusCodes.Status501NotImplemented, "not-implemented", "Not Implemented", detail);

    public static Problem DatabaseError(string detail) => new(StatusCodes.Status500InternalServerError, "database-error", "Database Error", detail);

    public Task WriteAsync(HttpContext context) =>
        JsonOutput.WriteAsync(context.Response, Status, JsonOutput.ProblemJson, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", TypePrefix + Kind);
            json.WriteString("title", Title);
            json.WriteNumber("status", Status);
            json.WriteString("detail", Detail);
            json.WriteString("instance", context.Request.Path.Value);
            if (FieldErrors is not null)
            {
                json.WriteStartObject("field_errors");
                foreach (var (field, message) in FieldErrors)
                {
                    json.WriteString(field, message);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });
}
