namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinition: typed as far as a preflight needs (names, versions, the
/// Established condition); schemas and everything else are kept as-is.
/// </summary>
public sealed class CustomResourceDefinition : KubernetesResource<CustomResourceDefinition>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.CustomResourceDefinition;

    public CustomResourceDefinitionSpec? Spec { get; set; }

    public CustomResourceDefinitionStatus? Status { get; set; }
}

public sealed class CustomResourceDefinitionSpec : KubernetesModel
{
    public string? Group { get; set; }

    public CustomResourceDefinitionNames? Names { get; set; }

    /// <summary>Namespaced or Cluster.</summary>
    public string? Scope { get; set; }

    public List<CustomResourceDefinitionVersion>? Versions { get; set; }
}

public sealed class CustomResourceDefinitionNames : KubernetesModel
{
    public string? Plural { get; set; }

    public string? Singular { get; set; }

    public string? Kind { get; set; }

    public string? ListKind { get; set; }

    public List<string>? ShortNames { get; set; }
}

public sealed class CustomResourceDefinitionVersion : KubernetesModel
{
    public string? Name { get; set; }

    public bool Served { get; set; }

    public bool Storage { get; set; }
}

public sealed class CustomResourceDefinitionStatus : KubernetesModel
{
    /// <summary>Established and NamesAccepted are the ones that say the CRD is usable.</summary>
    public List<Condition>? Conditions { get; set; }

    public CustomResourceDefinitionNames? AcceptedNames { get; set; }
}
