namespace Kubernaut.Kubernetes.Client.Models;

public sealed class Role : KubernetesResource<Role>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Role;

    public List<PolicyRule> Rules { get; set; } = [];
}

public sealed class ClusterRole : KubernetesResource<ClusterRole>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.ClusterRole;

    public List<PolicyRule> Rules { get; set; } = [];
}

public sealed class RoleBinding : KubernetesResource<RoleBinding>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.RoleBinding;

    public List<RbacSubject> Subjects { get; set; } = [];

    public RoleRef RoleRef { get; set; } = new();
}

public sealed class ClusterRoleBinding : KubernetesResource<ClusterRoleBinding>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.ClusterRoleBinding;

    public List<RbacSubject> Subjects { get; set; } = [];

    public RoleRef RoleRef { get; set; } = new();
}

public sealed class PolicyRule : KubernetesModel
{
    public List<string>? ApiGroups { get; set; }

    public List<string>? Resources { get; set; }

    public List<string>? ResourceNames { get; set; }

    public List<string> Verbs { get; set; } = [];

    public List<string>? NonResourceURLs { get; set; }
}

/// <summary>rbac/v1 Subject: a User, Group or ServiceAccount.</summary>
public sealed class RbacSubject : KubernetesModel
{
    public string Kind { get; set; } = "ServiceAccount";

    public string Name { get; set; } = "";

    public string? Namespace { get; set; }

    public string? ApiGroup { get; set; }
}

public sealed class RoleRef : KubernetesModel
{
    public string ApiGroup { get; set; } = "rbac.authorization.k8s.io";

    /// <summary>Role or ClusterRole.</summary>
    public string Kind { get; set; } = "ClusterRole";

    public string Name { get; set; } = "";
}
