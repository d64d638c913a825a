using Kubernaut.Emulator.Kubernetes.Workloads;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// Where the emulated DataStorage listens and which Kubernetes identity it has. The defaults are the host ports the
/// notification Kind config maps (API 30090 over HTTPS, health 30281 over HTTP) and the namespace the notification E2E
/// suite deploys DataStorage into.
/// </summary>
public sealed record DataStorageOptions
{
    public const int DefaultApiPort = 30090;
    public const int DefaultHealthPort = 30281;

    /// <summary>HTTPS port of the audit API; 0 picks a free port.</summary>
    public int ApiPort { get; init; } = DefaultApiPort;

    /// <summary>Plain-HTTP port of /healthz and /readyz; 0 picks a free port.</summary>
    public int HealthPort { get; init; } = DefaultHealthPort;

    /// <summary>The namespace DataStorage runs in: SubjectAccessReviews are made against services in this namespace.</summary>
    public string Namespace { get; init; } = KubernautFootprint.DefaultNamespace;

    /// <summary>The Service name callers are authorised against (resourceName of the SubjectAccessReview).</summary>
    public string ServiceName { get; init; } = KubernautFootprint.DataStorageService;

    /// <summary>Both ports picked free, for tests and benchmarks that run beside other instances.</summary>
    public static DataStorageOptions OnFreePorts() => new() { ApiPort = 0, HealthPort = 0 };
}
