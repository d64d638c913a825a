namespace Kubernaut.Kubernetes.Client.Models;

public sealed class ObjectMeta : KubernetesModel
{
    public string? Name { get; set; }

    public string? GenerateName { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public long? Generation { get; set; }

    public DateTimeOffset? CreationTimestamp { get; set; }

    public DateTimeOffset? DeletionTimestamp { get; set; }

    public long? DeletionGracePeriodSeconds { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<OwnerReference>? OwnerReferences { get; set; }

    public List<string>? Finalizers { get; set; }

    /// <summary>"namespace/name", or "name" for cluster-scoped objects.</summary>
    public override string ToString() => Namespace is null ? $"{Name}" : $"{Namespace}/{Name}";
}

public sealed class OwnerReference : KubernetesModel
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? Uid { get; set; }

    public bool? Controller { get; set; }

    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>core/v1 ObjectReference: the object an Event or a NotificationRequest refers to.</summary>
public sealed class ObjectReference : KubernetesModel
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public string? FieldPath { get; set; }
}

public sealed class ListMeta : KubernetesModel
{
    public string? ResourceVersion { get; set; }

    /// <summary>The token of the next page; null or empty on the last page.</summary>
    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}

/// <summary>metav1.Condition, used by custom resources such as NotificationRequest.</summary>
public sealed class Condition : KubernetesModel
{
    public string? Type { get; set; }

    /// <summary>"True", "False" or "Unknown".</summary>
    public string? Status { get; set; }

    public long? ObservedGeneration { get; set; }

    public DateTimeOffset? LastTransitionTime { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
