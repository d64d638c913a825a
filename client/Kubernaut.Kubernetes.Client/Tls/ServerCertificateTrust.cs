using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubernaut.Kubernetes.Client.Tls;

/// <summary>
/// Which server certificates a client accepts: exactly the CAs of one PEM bundle (kubeconfig certificate-authority,
/// the suite's inter-service CA), the system trust store, or anything (insecure-skip-tls-verify). Public so every
/// HTTPS client of the suite pins its CA with the same code and reports a rejection the same way.
/// </summary>
public sealed class ServerCertificateTrust
{
    private readonly X509Certificate2Collection? authorities;
    private volatile CertificateRejection? lastRejection;

    private ServerCertificateTrust(X509Certificate2Collection? authorities, string source, bool skipsVerification)
    {
        this.authorities = authorities;
        Source = source;
        SkipsVerification = skipsVerification;
    }

    /// <summary>Where the trusted CAs come from, for messages: a file path, "certificate-authority-data of cluster ...".</summary>
    public string Source { get; }

    public bool SkipsVerification { get; }

    /// <summary>Why the last server certificate was rejected, or null; read when a handshake fails.</summary>
    public CertificateRejection? LastRejection => lastRejection;

    public static ServerCertificateTrust SystemTrustStore() => new(null, "the system trust store", false);

    /// <summary>Accepts any certificate: kubeconfig insecure-skip-tls-verify.</summary>
    public static ServerCertificateTrust InsecureSkipVerify() => new(null, "nothing (insecure-skip-tls-verify is set)", true);

    /// <summary>Trusts exactly the certificates of a PEM bundle file.</summary>
    public static ServerCertificateTrust FromPemFile(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException(
                $"CA bundle {path}",
                $"cannot be read ({exception.Message.TrimEnd('.')})",
                "pass the path of an existing, readable PEM CA bundle",
                exception);
        }

        return FromPem(pem, path);
    }

    /// <summary>Trusts exactly the certificates of PEM text; <paramref name="source"/> names it in messages.</summary>
    public static ServerCertificateTrust FromPem(string pem, string source)
    {
        try
        {
            return new ServerCertificateTrust(PemCertificates.ReadBundle(pem), source, false);
        }
        catch (InvalidDataException exception)
        {
            throw new CertificateException(
                $"CA bundle {source}",
                exception.Message,
                "provide the CA certificate in PEM form (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)",
                exception);
        }
    }

    /// <summary>
    /// A handler that validates server certificates with this trust. <paramref name="serverName"/> (kubeconfig
    /// tls-server-name) replaces the URL host in the name check; <paramref name="clientCertificate"/> is presented
    /// to servers that ask for one.
    /// </summary>
    public SocketsHttpHandler CreateHandler(string? serverName = null, X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            // Long-lived clients still pick up DNS changes and spread over API server replicas.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        handler.SslOptions.RemoteCertificateValidationCallback =
            (sender, certificate, chain, errors) => Validate(certificate, chain, errors, serverName ?? (sender as SslStream)?.TargetHostName);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return handler;
    }

    /// <summary>
    /// The decision behind <see cref="CreateHandler"/>: the chain must lead to a trusted CA and the certificate must be
    /// valid for <paramref name="expectedName"/> (the platform's own name check when that is unknown).
    /// </summary>
    internal bool Validate(System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, string? expectedName)
    {
        if (SkipsVerification)
        {
            return true;
        }

        if (certificate is null)
        {
            return Reject(new CertificateRejection("the server presented no certificate", false));
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var chainProblem = authorities is null ? SystemChainProblem(errors) : PinnedChainProblem(leaf, chain);
        if (chainProblem is not null)
        {
            return Reject(new CertificateRejection($"the server certificate ({PemCertificates.Describe(leaf)}) is not trusted by {Source}: {chainProblem}", false));
        }

        var nameMatches = expectedName is null
            ? !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            : leaf.MatchesHostname(expectedName);
        if (!nameMatches)
        {
            return Reject(new CertificateRejection(
                $"the server certificate ({PemCertificates.Describe(leaf)}) is not valid for the name \"{expectedName}\" (its names: {string.Join(", ", SubjectAlternativeNames(leaf))})",
                true));
        }

        lastRejection = null;
        return true;
    }

    private static string? SystemChainProblem(SslPolicyErrors errors) =>
        errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? "its chain does not lead to a trusted root" : null;

    private string? PinnedChainProblem(X509Certificate2 leaf, X509Chain? presented)
    {
        using var pinned = new X509Chain();
        pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        pinned.ChainPolicy.CustomTrustStore.AddRange(authorities!);
        foreach (var element in presented?.ChainElements ?? Enumerable.Empty<X509ChainElement>())
        {
            pinned.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (pinned.Build(leaf))
        {
            return null;
        }

        var statuses = pinned.ChainStatus.Select(status => status.StatusInformation.Trim()).Where(text => text.Length > 0).Distinct();
        return string.Join("; ", statuses);
    }

    private static IEnumerable<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
        {
            return ["none"];
        }

        return extension.EnumerateDnsNames().Concat(extension.EnumerateIPAddresses().Select(address => address.ToString()));
    }

    private bool Reject(CertificateRejection rejection)
    {
        lastRejection = rejection;
        return false;
    }
}

/// <summary>Why a server certificate was refused; <see cref="IsNameMismatch"/> when only the host name was wrong.</summary>
public sealed record CertificateRejection(string Reason, bool IsNameMismatch);
