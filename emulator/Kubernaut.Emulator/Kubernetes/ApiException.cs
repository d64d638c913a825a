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

    /// <summary>422 with one cause per field; the message lists them as the API server does (bracketed when several).</summary>
    public static ApiException Invalid(ResourceKind kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var fields = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var joined = fields.Count == 1 ? fields[0] : $"[{string.Join(", ", fields)}]";
        var kindName = kind.Group.Length == 0 ? kind.Kind : $"{kind.Kind}.{kind.Group}";
        return new((HttpStatusCode)422, "Invalid", $"{kindName} \"{name}\" is invalid: {joined}", causes, kind, name);
    }

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiException Gone(string message) => new(HttpStatusCode.Gone, "Expired", message);

    public static ApiException Unauthorized() => new(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");

    /// <summary>403 worded as the RBAC authorizer words it, naming the user, verb, resource, group and scope.</summary>
    public static ApiException Forbidden(string username, string verb, string resource, string group, string @namespace, string name, ResourceKind? kind = null)
    {
        var subject = name.Length > 0 ? $"{resource} \"{name}\"" : resource;
        var scope = @namespace.Length > 0 ? $"in the namespace \"{@namespace}\"" : "at the cluster scope";
        return new(HttpStatusCode.Forbidden, "Forbidden",
            $"{subject} is forbidden: User \"{username}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}",
            kind: kind, name: name.Length > 0 ? name : null);
    }

    public static ApiException MethodNotAllowed() =>
        new(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> supported) =>
        new(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", supported)} (got \"{contentType}\")");

    public static ApiException PathNotFound() =>
        new(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
}
