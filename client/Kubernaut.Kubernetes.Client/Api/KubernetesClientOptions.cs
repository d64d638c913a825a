namespace Kubernaut.Kubernetes.Client;

public sealed record KubernetesClientOptions
{
    /// <summary>
    /// How long one request may take, body included; for watches and followed logs, how long until the response
    /// starts. A hung server then fails with a clear message instead of hanging the suite.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string UserAgent { get; init; } = "Kubernaut.Acceptance";
}
