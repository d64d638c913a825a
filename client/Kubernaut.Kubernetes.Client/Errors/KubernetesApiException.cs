using System.Net;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Kubernetes.Client;

/// <summary>
/// The API server answered with an error status. <see cref="Status"/> is the server's metav1.Status (code, reason,
/// message, details.causes), or one made from the response when the server sent no Status.
/// </summary>
public sealed class KubernetesApiException : KubernetesClientException
{
    internal KubernetesApiException(string subject, string cause, string fix, HttpMethod method, Uri requestUri, HttpStatusCode statusCode, Status status)
        : base(subject, cause, fix)
    {
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        Status = status;
    }

    public HttpMethod Method { get; }

    public Uri RequestUri { get; }

    public HttpStatusCode StatusCode { get; }

    public Status Status { get; }

    /// <summary>The machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Expired ...</summary>
    public string? Reason => Status.Reason;

    /// <summary>Field-level causes of a 422 Invalid (field, reason, message).</summary>
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes ?? [];

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>An update lost a race: the object changed since its resourceVersion was read.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason != "AlreadyExists";

    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity;

    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;

    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;

    /// <summary>A resourceVersion or continue token is too old: list again from scratch.</summary>
    public bool IsResourceVersionExpired => StatusCode == HttpStatusCode.Gone || Reason is "Expired" or "Gone";

    public bool IsServerError => (int)StatusCode >= 500;
}
