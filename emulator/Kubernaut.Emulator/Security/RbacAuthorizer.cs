using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Security;

/// <summary>
/// SubjectAccessReview over the RBAC objects stored in the emulated cluster, with Kubernetes' semantics: members of
/// system:masters may do anything; otherwise a request is allowed when a ClusterRoleBinding, or a RoleBinding in the
/// request's namespace, binds the user (User, Group or ServiceAccount subject) to a Role/ClusterRole with a rule whose
/// verbs, apiGroups, resources (a subresource is written "pods/log") and resourceNames all match. No rule means denied.
/// </summary>
public sealed class RbacAuthorizer(ObjectStore store) : ISubjectAccessReviewer
{
    public bool IsAllowed(UserInfo user, ResourceAttributes attributes) =>
        user.Groups.Contains(TokenAuthority.SuperUserGroup)
        || AnyGrants(store.List(ResourceKinds.ClusterRoleBinding).Items, "", user, attributes)
        || (attributes.Namespace.Length > 0 && AnyGrants(store.List(ResourceKinds.RoleBinding, attributes.Namespace).Items, attributes.Namespace, user, attributes));

    /// <summary>True when one of <paramref name="bindings"/> (ClusterRoleBindings when the namespace is empty) binds the user to a rule allowing the request.</summary>
    private bool AnyGrants(IEnumerable<JsonObject> bindings, string bindingNamespace, UserInfo user, ResourceAttributes attributes) =>
        bindings.Any(binding => Binds(binding, user, bindingNamespace) && RulesOf(binding, bindingNamespace).Any(rule => Allows(rule, attributes)));

    private static bool Binds(JsonObject binding, UserInfo user, string bindingNamespace) =>
        (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>().Any(subject =>
        {
            var name = (string?)subject["name"] ?? "";
            return (string?)subject["kind"] switch
            {
                "User" => user.Username == name,
                "Group" => user.Groups.Contains(name),
                "ServiceAccount" => user.Username == UserInfo.ServiceAccount((string?)subject["namespace"] is { Length: > 0 } ns ? ns : bindingNamespace, name).Username,
                _ => false,
            };
        });

    private IEnumerable<JsonObject> RulesOf(JsonObject binding, string bindingNamespace)
    {
        var roleRef = binding["roleRef"];
        var roleName = (string?)roleRef?["name"] ?? "";
        var role = (string?)roleRef?["kind"] switch
        {
            "ClusterRole" => store.Get(ResourceKinds.ClusterRole, "", roleName),
            "Role" when bindingNamespace.Length > 0 => store.Get(ResourceKinds.Role, bindingNamespace, roleName),
            _ => null,
        };
        return (role?["rules"] as JsonArray ?? []).OfType<JsonObject>();
    }

    private static bool Allows(JsonObject rule, ResourceAttributes request)
    {
        var resourceNames = Strings(rule["resourceNames"]);
        return Covers(Strings(rule["verbs"]), request.Verb)
            && Covers(Strings(rule["apiGroups"]), request.Group)
            && CoversResource(Strings(rule["resources"]), request.Resource)
            && (resourceNames.Count == 0 || (request.Name.Length > 0 && resourceNames.Contains(request.Name)));
    }

    private static bool Covers(IReadOnlyList<string> granted, string requested) => granted.Contains("*") || granted.Contains(requested);

    // "*" covers every resource and subresource; "*/status" every status subresource; "pods/*" every subresource of pods.
    private static bool CoversResource(IReadOnlyList<string> granted, string requested)
    {
        if (Covers(granted, requested))
        {
            return true;
        }
        var slash = requested.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && (granted.Contains("*/" + requested[(slash + 1)..]) || granted.Contains(requested[..slash] + "/*"));
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item?.ToString() ?? "").ToList() : [];
}
