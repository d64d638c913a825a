using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// DataStorage's auth middleware (DD-AUTH-014): a TokenReview of the Bearer token, then a SubjectAccessReview per verb
/// on services/data-storage-service in DataStorage's own namespace: get for every call, create as well for writes.
/// The token is never echoed or logged.
/// </summary>
internal sealed class DataStorageAuthorizer(ITokenReviewer tokens, ISubjectAccessReviewer access, DataStorageOptions options)
{
    private const string BearerPrefix = "Bearer ";

    public static IReadOnlyList<string> VerbsFor(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? ["get"] : ["get", "create"];

    /// <summary>The caller, or the 401/403 problem that refuses it.</summary>
    public (UserInfo? User, Problem? Refusal) Authorize(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return (null, Problem.Unauthorized(
                "Missing Authorization header: send 'Authorization: Bearer <token>' with a Kubernetes ServiceAccount token (TokenRequest) bound to the data-storage-client ClusterRole."));
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            return (null, Problem.Unauthorized(
                "The Authorization header is not a Bearer token: send 'Authorization: Bearer <token>' with a Kubernetes ServiceAccount token."));
        }
        var user = tokens.Authenticate(header[BearerPrefix.Length..].Trim());
        if (user is null)
        {
            return (null, Problem.Unauthorized(
                "The Bearer token was rejected by TokenReview (unknown, malformed or expired): request a fresh ServiceAccount token with the TokenRequest API."));
        }
        foreach (var verb in VerbsFor(request.Method))
        {
            var attributes = new ResourceAttributes(verb, "", "services", options.Namespace, options.ServiceName);
            if (!access.IsAllowed(user, attributes))
            {
                return (user, Problem.Forbidden(
                    $"User \"{user.Username}\" cannot {verb} services/{options.ServiceName} in namespace \"{options.Namespace}\" (SubjectAccessReview denied): " +
                    $"bind the ClusterRole data-storage-client to it with a RoleBinding in \"{options.Namespace}\"."));
            }
        }
        return (user, null);
    }
}
