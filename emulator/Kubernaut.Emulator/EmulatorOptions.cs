using Kubernaut.Emulator.DataStorage;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Notification;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator;

/// <summary>
/// How to start the emulator. Every port defaults to 0 (a free port), so in-process emulators never collide; the
/// standalone command uses the Kind host ports instead (see <see cref="StandalonePorts"/>). Every endpoint binds to 127.0.0.1.
/// </summary>
public sealed record EmulatorOptions
{
    /// <summary>Where the Kubernaut footprint (DataStorage, Notification controller, ...) is deployed.</summary>
    public string Namespace { get; init; } = KubernautFootprint.DefaultNamespace;

    /// <summary>HTTPS port of the Kubernetes API; 0 picks a free port.</summary>
    public int KubernetesApiPort { get; init; }

    /// <summary>HTTPS port of the DataStorage audit API; 0 picks a free port.</summary>
    public int DataStorageApiPort { get; init; }

    /// <summary>Plain-HTTP port of DataStorage /healthz and /readyz; 0 picks a free port.</summary>
    public int DataStorageHealthPort { get; init; }

    /// <summary>Plain-HTTP port of the Notification controller's /metrics; 0 picks a free port.</summary>
    public int NotificationMetricsPort { get; init; }

    /// <summary>When set, a kubeconfig for the admin user is written here at start (plus inter-service-ca.pem beside it).</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Faults armed from the start.</summary>
    public FaultSettings? Faults { get; init; }

    /// <summary>How fast emulated containers crash-loop.</summary>
    public WorkloadTimings Workloads { get; init; } = new();

    /// <summary>DataStorage settings; its namespace and ports are taken from this record's top-level values.</summary>
    public DataStorageOptions DataStorage { get; init; } = new();

    /// <summary>Notification controller settings; its namespace, metrics port and DataStorage health URL are set by the host.</summary>
    public NotificationControllerOptions Notification { get; init; } = new();

    /// <summary>Where components log (the standalone command logs to the console); none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The host ports of Kubernaut's notification Kind config, used by the standalone command.</summary>
    public static class StandalonePorts
    {
        /// <summary>The API port of a kubeadm control plane; when taken, the standalone command falls back to a free port.</summary>
        public const int KubernetesApi = 6443;
        public const int DataStorageApi = DataStorageOptions.DefaultApiPort;
        public const int DataStorageHealth = DataStorageOptions.DefaultHealthPort;
        public const int NotificationMetrics = NotificationControllerOptions.StandaloneMetricsPort;
    }
}
