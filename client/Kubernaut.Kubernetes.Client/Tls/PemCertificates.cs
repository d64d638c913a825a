using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubernaut.Kubernetes.Client.Tls;

/// <summary>PEM decoding shared by the CA trust and client certificates; failures say what is wrong, never the key.</summary>
internal static class PemCertificates
{
    /// <summary>Every CERTIFICATE block of a bundle; throws <see cref="InvalidDataException"/> with the cause.</summary>
    public static X509Certificate2Collection ReadBundle(string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidDataException($"is not a valid PEM certificate bundle ({exception.Message.TrimEnd('.')})", exception);
        }

        if (certificates.Count == 0)
        {
            throw new InvalidDataException("contains no PEM \"-----BEGIN CERTIFICATE-----\" block");
        }

        return certificates;
    }

    /// <summary>A certificate with its private key (PKCS#1 RSA, SEC1 EC or PKCS#8); throws <see cref="InvalidDataException"/>.</summary>
    public static X509Certificate2 ReadClientCertificate(string certificatePem, string keyPem)
    {
        if (keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal) || keyPem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new InvalidDataException("the client key is encrypted, and kubeconfig keys must be unencrypted");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new InvalidDataException("the client key contains no PEM \"PRIVATE KEY\" block (RSA, EC or PKCS#8)");
        }

        var chain = ReadBundle(certificatePem);
        X509Certificate2 withKey;
        try
        {
            withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidDataException(
                $"the client key is malformed or does not belong to the client certificate {chain[0].Subject} ({exception.Message.TrimEnd('.')})",
                exception);
        }

        // Windows' TLS stack cannot use ephemeral keys; a PKCS#12 round trip makes the key usable there.
        return OperatingSystem.IsWindows()
            ? X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null)
            : withKey;
    }

    public static string Describe(X509Certificate2 certificate) =>
        $"subject \"{certificate.Subject}\", issuer \"{certificate.Issuer}\", valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}";
}
