using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client.Models;

public sealed class Namespace : KubernetesResource<Namespace>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Namespace;

    public NamespaceStatus? Status { get; set; }
}

public sealed class NamespaceStatus : KubernetesModel
{
    /// <summary>Active or Terminating.</summary>
    public string? Phase { get; set; }
}

public sealed class ServiceAccount : KubernetesResource<ServiceAccount>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.ServiceAccount;

    public bool? AutomountServiceAccountToken { get; set; }
}

public sealed class ConfigMap : KubernetesResource<ConfigMap>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.ConfigMap;

    public Dictionary<string, string>? Data { get; set; }

    public Dictionary<string, byte[]>? BinaryData { get; set; }

    public bool? Immutable { get; set; }
}

/// <summary>A Secret. <see cref="ToString"/> names the keys and never the values.</summary>
public sealed class Secret : KubernetesResource<Secret>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Secret;

    /// <summary>Opaque, kubernetes.io/tls, kubernetes.io/service-account-token ...</summary>
    public string? Type { get; set; }

    /// <summary>Values as bytes; the wire form is base64.</summary>
    public Dictionary<string, byte[]>? Data { get; set; }

    /// <summary>Write-only convenience: the server merges it into <see cref="Data"/>.</summary>
    public Dictionary<string, string>? StringData { get; set; }

    public bool? Immutable { get; set; }

    public override string ToString()
    {
        var keys = (Data?.Keys ?? Enumerable.Empty<string>()).Concat(StringData?.Keys ?? Enumerable.Empty<string>()).Distinct().Order(StringComparer.Ordinal);
        return $"Secret {Metadata} (type {Type ?? "Opaque"}, keys: {string.Join(", ", keys)}; values not shown)";
    }
}

public sealed class Service : KubernetesResource<Service>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Service;

    public ServiceSpec? Spec { get; set; }
}

public sealed class ServiceSpec : KubernetesModel
{
    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; set; }

    public Dictionary<string, string>? Selector { get; set; }

    public List<ServicePort>? Ports { get; set; }

    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; set; }
}

public sealed class ServicePort : KubernetesModel
{
    public string? Name { get; set; }

    public string? Protocol { get; set; }

    public int Port { get; set; }

    public IntOrString? TargetPort { get; set; }

    public int? NodePort { get; set; }
}

/// <summary>core/v1 Event.</summary>
public sealed class Event : KubernetesResource<Event>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.Event;

    public ObjectReference InvolvedObject { get; set; } = new();

    public string? Reason { get; set; }

    public string? Message { get; set; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; set; }

    public int? Count { get; set; }

    public DateTimeOffset? FirstTimestamp { get; set; }

    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>Set by events.k8s.io writers instead of the timestamps above.</summary>
    public DateTimeOffset? EventTime { get; set; }

    public EventSource? Source { get; set; }

    public string? ReportingComponent { get; set; }

    public string? ReportingInstance { get; set; }

    public string? Action { get; set; }

    /// <summary>When the event last happened, whichever timestamp its writer set.</summary>
    [JsonIgnore]
    public DateTimeOffset? LastSeen => LastTimestamp ?? EventTime ?? FirstTimestamp ?? Metadata.CreationTimestamp;
}

public sealed class EventSource : KubernetesModel
{
    public string? Component { get; set; }

    public string? Host { get; set; }
}
