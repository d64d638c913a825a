using System.Net.Http.Headers;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Benchmarks.Shared;

/// <summary>An HttpClient for an emulated HTTPS endpoint: trusts only the emulator CA, sends a Bearer token.</summary>
public static class TrustingClient
{
    public static HttpClient Create(CertificateAuthority ca, Uri baseAddress, string bearerToken)
    {
        var client = new HttpClient(ca.CreateTrustingHandler()) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }
}
