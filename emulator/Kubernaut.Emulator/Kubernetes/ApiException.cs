using System.Net;

namespace Kubernaut.Emulator.Kubernetes;

/// <summary>A field-level cause in a 422 Invalid Status, e.g. spec.subject: Required value.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);

/// <summary>An API error that becomes a metav1.Status response with the matching code and reason.</summary>
public sealed class ApiException(HttpStatusCode code, string reason, string message, IReadOnlyList<StatusCause>? causes = null, ResourceKind? kind = null, string? name = null)
    : Exception(message)
{
    public HttpStatusCode Code { get; } = code;
    public string Reason { get; } = reason;
    public IReadOnlyList<StatusCause> Causes { get; } = causes ?? [];
    public ResourceKind? Kind { get; } = kind;
    public string? Name { get; } = name;

    public static ApiException NotFound(ResourceKind kind, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{kind.QualifiedName} \"{name}\" not found", kind: kind, name: name);

    public static ApiException AlreadyExists(ResourceKind kind, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{kind.QualifiedName} \"{name}\" already exists", kind: kind, name: name);

    public static ApiException Conflict(ResourceKind kind, string name) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {kind.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            kind: kind, name: name);

    public static ApiException Invalid(ResourceKind kind, string name, IReadOnlyList<StatusCause> causes) =>
        new((HttpStatusCode)422, "Invalid",
            $"{kind.Kind}.{kind.Group} \"{name}\" is invalid: " + string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}")),
            causes, kind, name);

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiException Gone(string message) => new(HttpStatusCode.Gone, "Expired", message);
}
