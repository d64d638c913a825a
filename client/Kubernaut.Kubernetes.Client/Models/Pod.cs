namespace Kubernaut.Kubernetes.Client.Models;

public sealed class Pod : KubernetesResource<Pod>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Pod;

    public PodSpec? Spec { get; set; }

    public PodStatus? Status { get; set; }
}

public sealed class PodTemplateSpec : KubernetesModel
{
    public ObjectMeta? Metadata { get; set; }

    public PodSpec? Spec { get; set; }
}

public sealed class PodSpec : KubernetesModel
{
    public List<Container> Containers { get; set; } = [];

    public List<Container>? InitContainers { get; set; }

    public string? ServiceAccountName { get; set; }

    public string? NodeName { get; set; }

    public Dictionary<string, string>? NodeSelector { get; set; }

    public string? RestartPolicy { get; set; }

    public long? TerminationGracePeriodSeconds { get; set; }
}

public sealed class Container : KubernetesModel
{
    public string Name { get; set; } = "";

    public string? Image { get; set; }

    /// <summary>Always, IfNotPresent or Never.</summary>
    public string? ImagePullPolicy { get; set; }

    public List<string>? Command { get; set; }

    public List<string>? Args { get; set; }

    public List<EnvVar>? Env { get; set; }

    public List<ContainerPortSpec>? Ports { get; set; }

    public List<VolumeMount>? VolumeMounts { get; set; }

    public Probe? ReadinessProbe { get; set; }

    public Probe? LivenessProbe { get; set; }
}

public sealed class EnvVar : KubernetesModel
{
    public string Name { get; set; } = "";

    public string? Value { get; set; }
}

/// <summary>core/v1 ContainerPort (renamed: a member cannot share its class's name).</summary>
public sealed class ContainerPortSpec : KubernetesModel
{
    public string? Name { get; set; }

    public int ContainerPort { get; set; }

    public string? Protocol { get; set; }
}

public sealed class VolumeMount : KubernetesModel
{
    public string Name { get; set; } = "";

    public string MountPath { get; set; } = "";

    public bool? ReadOnly { get; set; }

    public string? SubPath { get; set; }
}

public sealed class Probe : KubernetesModel
{
    public HttpGetAction? HttpGet { get; set; }

    public int? InitialDelaySeconds { get; set; }

    public int? PeriodSeconds { get; set; }

    public int? TimeoutSeconds { get; set; }

    public int? FailureThreshold { get; set; }
}

public sealed class HttpGetAction : KubernetesModel
{
    public string? Path { get; set; }

    public IntOrString Port { get; set; }

    public string? Scheme { get; set; }
}

public sealed class PodStatus : KubernetesModel
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; set; }

    public List<PodCondition>? Conditions { get; set; }

    public List<ContainerStatus>? ContainerStatuses { get; set; }

    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public string? HostIP { get; set; }

    public string? PodIP { get; set; }

    public DateTimeOffset? StartTime { get; set; }
}

public sealed class PodCondition : KubernetesModel
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready ...</summary>
    public string? Type { get; set; }

    public string? Status { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset? LastProbeTime { get; set; }

    public DateTimeOffset? LastTransitionTime { get; set; }
}

public sealed class ContainerStatus : KubernetesModel
{
    public string? Name { get; set; }

    public bool Ready { get; set; }

    public bool? Started { get; set; }

    public int RestartCount { get; set; }

    public string? Image { get; set; }

    public string? ImageID { get; set; }

    public ContainerState? State { get; set; }

    public ContainerState? LastState { get; set; }
}

/// <summary>Exactly one of the three is set.</summary>
public sealed class ContainerState : KubernetesModel
{
    public ContainerStateWaiting? Waiting { get; set; }

    public ContainerStateRunning? Running { get; set; }

    public ContainerStateTerminated? Terminated { get; set; }
}

public sealed class ContainerStateWaiting : KubernetesModel
{
    /// <summary>ContainerCreating, ImagePullBackOff, ErrImagePull, CrashLoopBackOff, CreateContainerConfigError ...</summary>
    public string? Reason { get; set; }

    public string? Message { get; set; }
}

public sealed class ContainerStateRunning : KubernetesModel
{
    public DateTimeOffset? StartedAt { get; set; }
}

public sealed class ContainerStateTerminated : KubernetesModel
{
    public int ExitCode { get; set; }

    public int? Signal { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
