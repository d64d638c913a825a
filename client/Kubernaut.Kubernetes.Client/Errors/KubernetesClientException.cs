namespace Kubernaut.Kubernetes.Client;

/// <summary>
/// Base of every failure this client reports. The message reads "{subject}: {cause}. Fix: {fix}" so one line tells
/// the user what went wrong and what to do; it never contains tokens, passwords or private keys.
/// </summary>
public abstract class KubernetesClientException : Exception
{
    protected KubernetesClientException(string subject, string cause, string fix, Exception? innerException = null)
        : base(Compose(subject, cause, fix), innerException)
    {
        Subject = subject;
        Cause = cause;
        Fix = fix;
    }

    /// <summary>What failed: a kubeconfig path, a request line, an exec plugin.</summary>
    public string Subject { get; }

    public string Cause { get; }

    public string Fix { get; }

    private static string Compose(string subject, string cause, string fix) =>
        $"{subject}: {cause.TrimEnd('.')}. Fix: {fix.TrimEnd('.')}.";
}

/// <summary>The kubeconfig (or in-cluster configuration) cannot be turned into a working client configuration.</summary>
public sealed class KubeconfigException(string subject, string cause, string fix, Exception? innerException = null)
    : KubernetesClientException(subject, cause, fix, innerException);

/// <summary>A PEM CA bundle or client certificate cannot be used.</summary>
public sealed class CertificateException(string subject, string cause, string fix, Exception? innerException = null)
    : KubernetesClientException(subject, cause, fix, innerException);

/// <summary>An exec credential plugin failed to produce a credential.</summary>
public sealed class ExecCredentialException(string subject, string cause, string fix, Exception? innerException = null)
    : KubernetesClientException(subject, cause, fix, innerException);

/// <summary>The request never got an HTTP response: unreachable server, TLS failure, or timeout.</summary>
public sealed class KubernetesConnectionException(
    string subject, string cause, string fix, KubernetesConnectionFailure failure, Exception? innerException = null)
    : KubernetesClientException(subject, cause, fix, innerException)
{
    public KubernetesConnectionFailure Failure { get; } = failure;
}

public enum KubernetesConnectionFailure
{
    Unreachable,
    UntrustedCertificate,
    TlsHandshake,
    Timeout,
    InvalidResponse,
}
