using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Kubernaut.Emulator.Notification.Delivery;

/// <summary>
/// An HttpClient that trusts only the emulator CA (as Kubernaut's services trust only the inter-service CA via TLS_CA_FILE)
/// and remembers why it rejected a server certificate, so a failed delivery can say "TLS certificate validation failed: ...".
/// </summary>
internal sealed class CaTrustingHttpClient : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly ConcurrentDictionary<string, string> _rejections = new(StringComparer.Ordinal);

    public CaTrustingHttpClient(X509Certificate2 caCertificate, TimeSpan timeout)
    {
        _ca = caCertificate;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = Validate,
            MaxConnectionsPerServer = 64,
        };
        Client = new HttpClient(handler) { Timeout = timeout };
    }

    public HttpClient Client { get; }

    /// <summary>The TLS validation failure behind <paramref name="exception"/>, or null when it is not one.</summary>
    public string? TlsFailure(Uri requestUri, Exception exception)
    {
        if (!Flatten(exception).Any(e => e is AuthenticationException))
        {
            return null;
        }
        return _rejections.TryGetValue(requestUri.GetLeftPart(UriPartial.Authority), out var reason)
            ? reason
            : Flatten(exception).Last().Message;
    }

    public void Dispose() => Client.Dispose();

    private bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? _, SslPolicyErrors errors)
    {
        var reason = Reject(certificate, errors, request.RequestUri?.Host ?? "");
        if (reason is not null && request.RequestUri is not null)
        {
            _rejections[request.RequestUri.GetLeftPart(UriPartial.Authority)] = reason;
        }
        return reason is null;
    }

    private string? Reject(X509Certificate2? certificate, SslPolicyErrors errors, string host)
    {
        if (certificate is null)
        {
            return "the server presented no certificate";
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            var statuses = chain.ChainStatus.Select(s => s.Status).ToHashSet();
            if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
            {
                return $"x509: certificate has expired or is not yet valid: valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}";
            }
            if (statuses.Contains(X509ChainStatusFlags.UntrustedRoot) || statuses.Contains(X509ChainStatusFlags.PartialChain))
            {
                return $"x509: certificate signed by unknown authority (issuer \"{certificate.Issuer}\"; only the emulator CA is trusted)";
            }
            return "x509: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
                .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())));
            return $"x509: certificate is valid for {string.Join(", ", names)}, not {host}";
        }
        return null;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
