namespace Kubernaut.Kubernetes.Client.Config;

/// <summary>Where <see cref="KubeconfigLoader"/> looks, and which context it selects.</summary>
public sealed record KubeconfigLoadOptions
{
    /// <summary>An explicit kubeconfig file; it must exist. Without it: KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
    public string? Path { get; init; }

    /// <summary>The context to use; without it the kubeconfig's current-context.</summary>
    public string? Context { get; init; }

    /// <summary>Reads KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST/PORT; replaceable so tests need not touch the process environment.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Fall back to the pod's ServiceAccount when no kubeconfig exists and KUBERNETES_SERVICE_HOST is set.</summary>
    public bool AllowInCluster { get; init; } = true;

    public string ServiceAccountDirectory { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The clock exec credentials are cached against.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
