using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>Role bindings need a roleRef to a Role or ClusterRole, and it cannot change afterwards (as in the real API).</summary>
public sealed class RbacAdmission : IAdmissionPlugin
{
    public bool Handles(ResourceKind kind) => kind == ResourceKinds.RoleBinding || kind == ResourceKinds.ClusterRoleBinding;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Object is not { } binding)
        {
            return;
        }
        var errors = new FieldErrors();
        var roleRef = binding["roleRef"] as JsonObject;
        var allowedKinds = request.Kind == ResourceKinds.RoleBinding ? new[] { "Role", "ClusterRole" } : ["ClusterRole"];
        var kind = ObjectMeta.ReadString(roleRef?["kind"]);
        if (kind is null || !allowedKinds.Contains(kind))
        {
            errors.NotSupported("roleRef.kind", roleRef?["kind"], allowedKinds);
        }
        if (ObjectMeta.ReadString(roleRef?["name"]) is not { Length: > 0 })
        {
            errors.Required("roleRef.name");
        }
        if (request.OldObject?["roleRef"] is { } oldRoleRef && !JsonNode.DeepEquals(oldRoleRef, roleRef))
        {
            errors.Invalid("roleRef", roleRef, "cannot change roleRef");
        }
        foreach (var (subject, index) in (binding["subjects"] as JsonArray ?? []).Select((s, i) => (s as JsonObject, i)))
        {
            if (ObjectMeta.ReadString(subject?["kind"]) is not ("ServiceAccount" or "User" or "Group"))
            {
                errors.NotSupported($"subjects[{index}].kind", subject?["kind"], ["ServiceAccount", "User", "Group"]);
            }
            if (ObjectMeta.ReadString(subject?["name"]) is not { Length: > 0 })
            {
                errors.Required($"subjects[{index}].name");
            }
        }
        errors.ThrowIfAny(request.Kind, ObjectMeta.Name(binding));
    }
}
