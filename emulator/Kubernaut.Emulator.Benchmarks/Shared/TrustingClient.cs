using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Benchmarks.Shared;

/// <summary>An HttpClient for an emulated HTTPS endpoint: trusts only the emulator CA, sends a Bearer token.</summary>
public static class TrustingClient
{
    public static HttpClient Create(CertificateAuthority ca, Uri baseAddress, string bearerToken)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { ca.Certificate },
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }
}
