using Kubernaut.Emulator.Kubernetes.Workloads;

namespace Kubernaut.Emulator.Notification;

/// <summary>
/// How the emulated Notification controller is deployed: the values Kubernaut's E2E manifests put in
/// notification-controller-config (audit buffer 10000 / batch 100 / flush 1 s / 3 retries) and the routing ConfigMap it reads.
/// </summary>
public sealed record NotificationControllerOptions
{
    /// <summary>The host port Kubernaut's Kind config maps to the controller's metrics NodePort (30186 → 9186).</summary>
    public const int StandaloneMetricsPort = 9186;

    /// <summary>Where the controller, its ConfigMaps, Secret and ServiceAccounts live.</summary>
    public string Namespace { get; init; } = KubernautFootprint.DefaultNamespace;

    /// <summary>Port of /metrics, /healthz and /readyz on 127.0.0.1; 0 picks a free one.</summary>
    public int MetricsPort { get; init; }

    public TimeSpan AuditFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int AuditBatchSize { get; init; } = 100;

    public int AuditBufferSize { get; init; } = 10_000;

    /// <summary>Attempts per audit batch before it is dropped (Kubernaut's BufferedStore MaxRetries).</summary>
    public int AuditMaxRetries { get; init; } = 3;

    /// <summary>Audit batch retry n waits n² × this (1 s, 4 s, ... as Kubernaut's BufferedStore).</summary>
    public TimeSpan AuditRetryBackoffUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where the file channel writes; null creates a fresh temporary directory.</summary>
    public string? FileOutputDirectory { get; init; }

    public string RoutingConfigMapName { get; init; } = "notification-routing-config";

    public string RoutingConfigKey { get; init; } = "routing.yaml";

    /// <summary>DataStorage's health endpoint (e.g. http://127.0.0.1:30281/readyz); when set, /readyz gates on it (#1985).</summary>
    public Uri? DataStorageHealthUrl { get; init; }

    /// <summary>Concurrent reconciles (MaxConcurrentReconciles).</summary>
    public int Workers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Timeout of one HTTP delivery (Kubernaut's Slack client uses 10 s).</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
