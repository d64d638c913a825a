namespace Kubernaut.Emulator.Kubernetes;

/// <summary>Every resource type the emulated API server serves.</summary>
public static class ResourceKinds
{
    public const string KubernautGroup = "kubernaut.ai";
    public const string KubernautVersion = "v1alpha1";

    public static readonly ResourceKind Namespace = new("", "v1", "Namespace", "namespaces", false, ["ns"]);
    public static readonly ResourceKind ConfigMap = new("", "v1", "ConfigMap", "configmaps", true, ["cm"]);
    public static readonly ResourceKind Secret = new("", "v1", "Secret", "secrets", true, []);
    public static readonly ResourceKind ServiceAccount = new("", "v1", "ServiceAccount", "serviceaccounts", true, ["sa"]);
    public static readonly ResourceKind Service = new("", "v1", "Service", "services", true, ["svc"], HasStatusSubresource: true);
    public static readonly ResourceKind Pod = new("", "v1", "Pod", "pods", true, ["po"], HasStatusSubresource: true);
    public static readonly ResourceKind Event = new("", "v1", "Event", "events", true, ["ev"]);
    public static readonly ResourceKind Deployment = new("apps", "v1", "Deployment", "deployments", true, ["deploy"], HasStatusSubresource: true);
    public static readonly ResourceKind Role = new("rbac.authorization.k8s.io", "v1", "Role", "roles", true, []);
    public static readonly ResourceKind RoleBinding = new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, []);
    public static readonly ResourceKind ClusterRole = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, []);
    public static readonly ResourceKind ClusterRoleBinding = new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, []);
    public static readonly ResourceKind NotificationRequest = new(KubernautGroup, KubernautVersion, "NotificationRequest", "notificationrequests", true, ["notif", "notifs"], HasStatusSubresource: true);
    public static readonly ResourceKind RemediationRequest = new(KubernautGroup, KubernautVersion, "RemediationRequest", "remediationrequests", true, ["rr"], HasStatusSubresource: true);

    public static readonly IReadOnlyList<ResourceKind> All =
    [
        Namespace, ConfigMap, Secret, ServiceAccount, Service, Pod, Event, Deployment,
        Role, RoleBinding, ClusterRole, ClusterRoleBinding, NotificationRequest, RemediationRequest,
    ];
}
