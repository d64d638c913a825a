using System.Security.Cryptography.X509Certificates;
using Kubernaut.Kubernetes.Client.Tls;

namespace Kubernaut.Kubernetes.Client.Config;

/// <summary>
/// Everything a client needs to reach one API server as one user. Built by <see cref="KubeconfigLoader"/> or by
/// hand (e.g. for the emulator). <see cref="ToString"/> describes it without secrets.
/// </summary>
public sealed class KubernetesClientConfiguration
{
    /// <summary>The API server base URL; a path prefix (e.g. behind a gateway) is kept.</summary>
    public required Uri Server { get; init; }

    /// <summary>The context's namespace, "default" when it sets none.</summary>
    public string Namespace { get; init; } = "default";

    public ServerCertificateTrust ServerTrust { get; init; } = ServerCertificateTrust.SystemTrustStore();

    /// <summary>kubeconfig tls-server-name: the name the server certificate must carry instead of the URL host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>kubeconfig proxy-url; without it the HTTPS_PROXY/NO_PROXY environment applies.</summary>
    public Uri? ProxyUrl { get; init; }

    /// <summary>A static client certificate with its private key.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    public KubernetesCredentials Credentials { get; init; } = KubernetesCredentials.None;

    public string? ContextName { get; init; }

    public string? ClusterName { get; init; }

    public string? UserName { get; init; }

    /// <summary>The kubeconfig file that defines the selected context (its directory holds e.g. the inter-service CA).</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>How the client authenticates, for messages: "a bearer token, client certificate CN=...".</summary>
    public string AuthenticationDescription
    {
        get
        {
            var parts = new List<string>();
            if (Credentials != KubernetesCredentials.None)
            {
                parts.Add(Credentials.ToString());
            }

            if (ClientCertificate is not null)
            {
                parts.Add($"the client certificate \"{ClientCertificate.Subject}\"");
            }

            return parts.Count == 0 ? "no credentials" : string.Join(" and ", parts);
        }
    }

    /// <summary>Where this configuration came from, for messages: "context "kind-x" in /home/u/.kube/config".</summary>
    public string Origin => ContextName is null
        ? $"server {Server}"
        : $"context \"{ContextName}\"{(KubeconfigPath is null ? "" : $" in kubeconfig {KubeconfigPath}")}";

    public override string ToString() =>
        $"{Server} as {UserName ?? "(unnamed user)"} with {AuthenticationDescription}, trusting {ServerTrust.Source} ({Origin})";
}
