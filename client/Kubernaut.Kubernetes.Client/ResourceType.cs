namespace Kubernaut.Kubernetes.Client;

/// <summary>
/// A Kubernetes resource as the REST API addresses it: <c>/api/v1/namespaces/{ns}/pods</c> or
/// <c>/apis/{group}/{version}/namespaces/{ns}/{plural}</c>. The core group is the empty string.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Plural, bool Namespaced, string Kind)
{
    /// <summary>"v1" for the core group, otherwise "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path; a null namespace on a namespaced resource addresses all namespaces.</summary>
    public string CollectionPath(string? @namespace)
    {
        if (!Namespaced && @namespace is not null)
        {
            throw new ArgumentException($"{this} is cluster-scoped: pass no namespace (got \"{@namespace}\").", nameof(@namespace));
        }

        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return @namespace is null ? $"{root}/{Plural}" : $"{root}/namespaces/{Escape(@namespace)}/{Plural}";
    }

    /// <summary>The path of one object, optionally of one of its subresources (status, log, token ...).</summary>
    public string ObjectPath(string name, string? @namespace, string? subresource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Namespaced && string.IsNullOrEmpty(@namespace))
        {
            throw new ArgumentException($"{this} is namespaced: pass the namespace of \"{name}\".", nameof(@namespace));
        }

        var path = $"{CollectionPath(@namespace)}/{Escape(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    /// <summary>kubectl's spelling: "pods", "deployments.apps", "notificationrequests.kubernaut.ai".</summary>
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

/// <summary>The resources the acceptance suite uses.</summary>
public static class ResourceTypes
{
    public static readonly ResourceType Namespace = new("", "v1", "namespaces", false, "Namespace");
    public static readonly ResourceType ConfigMap = new("", "v1", "configmaps", true, "ConfigMap");
    public static readonly ResourceType Secret = new("", "v1", "secrets", true, "Secret");
    public static readonly ResourceType ServiceAccount = new("", "v1", "serviceaccounts", true, "ServiceAccount");
    public static readonly ResourceType Service = new("", "v1", "services", true, "Service");
    public static readonly ResourceType Pod = new("", "v1", "pods", true, "Pod");
    public static readonly ResourceType Event = new("", "v1", "events", true, "Event");
    public static readonly ResourceType Deployment = new("apps", "v1", "deployments", true, "Deployment");
    public static readonly ResourceType Role = new("rbac.authorization.k8s.io", "v1", "roles", true, "Role");
    public static readonly ResourceType RoleBinding = new("rbac.authorization.k8s.io", "v1", "rolebindings", true, "RoleBinding");
    public static readonly ResourceType ClusterRole = new("rbac.authorization.k8s.io", "v1", "clusterroles", false, "ClusterRole");
    public static readonly ResourceType ClusterRoleBinding = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", false, "ClusterRoleBinding");
    public static readonly ResourceType CustomResourceDefinition = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", false, "CustomResourceDefinition");
    public static readonly ResourceType NotificationRequest = new("kubernaut.ai", "v1alpha1", "notificationrequests", true, "NotificationRequest");
    public static readonly ResourceType RemediationRequest = new("kubernaut.ai", "v1alpha1", "remediationrequests", true, "RemediationRequest");

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespace, ConfigMap, Secret, ServiceAccount, Service, Pod, Event, Deployment, Role, RoleBinding, ClusterRole,
        ClusterRoleBinding, CustomResourceDefinition, NotificationRequest, RemediationRequest,
    ];

    /// <summary>The catalogued resource for an apiVersion and kind, or null.</summary>
    public static ResourceType? Find(string apiVersion, string kind) =>
        All.FirstOrDefault(type => type.ApiVersion == apiVersion && type.Kind == kind);
}
