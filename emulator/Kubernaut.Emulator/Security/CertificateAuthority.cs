using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubernaut.Emulator.Security;

/// <summary>
/// The emulator's inter-service CA, generated at start like Kubernaut's E2E CA: every HTTPS endpoint presents a leaf
/// issued here (SANs localhost and 127.0.0.1), and clients trust <see cref="CertificatePem"/>.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The names every emulator listener answers on (it binds 127.0.0.1 only).</summary>
    internal static readonly IReadOnlyList<string> LoopbackNames = ["localhost", "127.0.0.1"];

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public static CertificateAuthority Create(string commonName = "kubernaut-emulator-ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return new CertificateAuthority(Reload(selfSigned));
    }

    /// <summary>A server leaf for the loopback names, valid from five minutes ago until the CA itself expires.</summary>
    public X509Certificate2 IssueServerCertificate(string commonName) =>
        IssueServerCertificate(commonName, LoopbackNames, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));

    public X509Certificate2 IssueServerCertificate(string commonName, IEnumerable<string> subjectAlternativeNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        // A leaf may not outlive its issuer: "now + 1 year" asked a second after the CA was made would.
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        notAfter = notAfter > caNotAfter ? caNotAfter : notAfter;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CreateServerRequest(commonName, subjectAlternativeNames, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>A leaf that no CA issued: clients that trust only this CA must reject it.</summary>
    public static X509Certificate2 CreateSelfSignedServerCertificate(string commonName, IEnumerable<string> subjectAlternativeNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CreateServerRequest(commonName, subjectAlternativeNames, key);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return Reload(selfSigned);
    }

    /// <summary>A new connection pool whose TLS trusts only this CA (as a client given the CA file would).</summary>
    public SocketsHttpHandler CreateTrustingHandler()
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { Certificate },
        };
        return handler;
    }

    public void Dispose() => Certificate.Dispose();

    private static CertificateRequest CreateServerRequest(string commonName, IEnumerable<string> subjectAlternativeNames, ECDsa key)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in subjectAlternativeNames)
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    // Round-trips through PKCS#12 so the private key is persisted in a form Kestrel accepts on every platform.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
