using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubernaut.Kubernetes.Client.Tests.Support;

public enum KeyKind
{
    Rsa,
    Ec,
}

/// <summary>A throwaway CA that issues server and client certificates for the tests, with their PEM forms.</summary>
internal sealed class TestCertificateAuthority
{
    private readonly ECDsa key;

    public TestCertificateAuthority(string name = "test-ca")
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public string CertificatePemBase64 => Base64(CertificatePem);

    public static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A TLS server certificate for the given DNS names and IP addresses.</summary>
    public X509Certificate2 IssueServer(params string[] names)
    {
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", leafKey, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = Issue(request);
        return issued.CopyWithPrivateKey(leafKey);
    }

    /// <summary>A TLS client certificate and its private key in PEM (PKCS#1 RSA or SEC1 EC, like kubeadm and Kind write them).</summary>
    public (string CertificatePem, string KeyPem) IssueClient(string commonName, KeyKind keyKind)
    {
        using AsymmetricAlgorithm leafKey = keyKind == KeyKind.Rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = leafKey is RSA rsa
            ? new CertificateRequest($"CN={commonName}, O=system:masters", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}, O=system:masters", (ECDsa)leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = Issue(request);
        var keyPem = leafKey is RSA rsaKey ? rsaKey.ExportRSAPrivateKeyPem() : ((ECDsa)leafKey).ExportECPrivateKeyPem();
        return (issued.ExportCertificatePem(), keyPem);
    }

    /// <summary>True when <paramref name="certificate"/> was issued by this CA.</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        // The generator overload lets the EC CA sign RSA leaves too.
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(key), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }
}
