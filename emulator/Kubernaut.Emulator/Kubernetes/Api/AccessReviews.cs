using System.Text.Json.Nodes;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// The review resources, answered on the spot: TokenReview and SubjectAccessReview (what DataStorage's auth middleware
/// calls), SelfSubjectAccessReview (kubectl auth can-i) and SelfSubjectReview (kubectl auth whoami).
/// </summary>
internal sealed class AccessReviews(ITokenReviewer tokens, ISubjectAccessReviewer access)
{
    public async Task CreateAsync(HttpContext context, ResourceKind kind, UserInfo caller)
    {
        var review = await RequestBodies.ReadNodeAsync(context.Request) as JsonObject ?? [];
        RequestBodies.EnsureKind(review, kind);
        var spec = review["spec"] as JsonObject ?? [];
        var status = kind == ApiResources.TokenReview ? ReviewToken(spec)
            : kind == ApiResources.SelfSubjectReview ? new JsonObject { ["userInfo"] = UserJson(caller) }
            : kind == ApiResources.SelfSubjectAccessReview ? Decide(caller, spec)
            : Decide(new UserInfo(ObjectMeta.ReadString(spec["user"]) ?? "", Strings(spec["groups"])), spec);
        await ApiResponses.WriteJsonAsync(context, new JsonObject
        {
            ["kind"] = kind.Kind,
            ["apiVersion"] = kind.ApiVersion,
            ["metadata"] = new JsonObject(),
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        }, StatusCodes.Status201Created);
    }

    private JsonObject ReviewToken(JsonObject spec)
    {
        var user = tokens.Authenticate(ObjectMeta.ReadString(spec["token"]) ?? "");
        if (user is null)
        {
            return new JsonObject { ["authenticated"] = false, ["user"] = new JsonObject(), ["error"] = "[invalid bearer token, token lookup failed]" };
        }
        return new JsonObject
        {
            ["authenticated"] = true,
            ["user"] = UserJson(user),
            ["audiences"] = spec["audiences"]?.DeepClone() ?? new JsonArray(TokenAuthority.Issuer),
        };
    }

    private JsonObject Decide(UserInfo user, JsonObject spec)
    {
        var resource = spec["resourceAttributes"] as JsonObject;
        if (resource is null)
        {
            return new JsonObject { ["allowed"] = false, ["reason"] = "the emulator only reviews resourceAttributes, not nonResourceAttributes" };
        }
        var subresource = ObjectMeta.ReadString(resource["subresource"]) ?? "";
        var attributes = new ResourceAttributes(
            ObjectMeta.ReadString(resource["verb"]) ?? "",
            ObjectMeta.ReadString(resource["group"]) ?? "",
            (ObjectMeta.ReadString(resource["resource"]) ?? "") + (subresource.Length > 0 ? "/" + subresource : ""),
            ObjectMeta.ReadString(resource["namespace"]) ?? "",
            ObjectMeta.ReadString(resource["name"]) ?? "");
        var allowed = access.IsAllowed(user, attributes);
        var status = new JsonObject { ["allowed"] = allowed };
        if (allowed)
        {
            status["reason"] = "RBAC: allowed by the emulated cluster's bindings";
        }
        return status;
    }

    private static JsonObject UserJson(UserInfo user) => new()
    {
        ["username"] = user.Username,
        ["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)g).ToArray()),
    };

    private static IReadOnlyList<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => n?.ToString() ?? "").ToList();
}
