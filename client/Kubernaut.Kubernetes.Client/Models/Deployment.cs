namespace Kubernaut.Kubernetes.Client.Models;

public sealed class Deployment : KubernetesResource<Deployment>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Deployment;

    public DeploymentSpec? Spec { get; set; }

    public DeploymentStatus? Status { get; set; }
}

public sealed class DeploymentSpec : KubernetesModel
{
    public int? Replicas { get; set; }

    public LabelSelector? Selector { get; set; }

    public PodTemplateSpec? Template { get; set; }
}

public sealed class LabelSelector : KubernetesModel
{
    public Dictionary<string, string>? MatchLabels { get; set; }
}

public sealed class DeploymentStatus : KubernetesModel
{
    public long? ObservedGeneration { get; set; }

    public int? Replicas { get; set; }

    public int? UpdatedReplicas { get; set; }

    public int? ReadyReplicas { get; set; }

    public int? AvailableReplicas { get; set; }

    public int? UnavailableReplicas { get; set; }

    public List<DeploymentCondition>? Conditions { get; set; }
}

public sealed class DeploymentCondition : KubernetesModel
{
    /// <summary>Available, Progressing or ReplicaFailure.</summary>
    public string? Type { get; set; }

    public string? Status { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset? LastUpdateTime { get; set; }

    public DateTimeOffset? LastTransitionTime { get; set; }
}
