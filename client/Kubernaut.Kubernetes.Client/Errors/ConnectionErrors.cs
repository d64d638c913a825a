using System.Net.Sockets;
using Kubernaut.Kubernetes.Client.Config;

namespace Kubernaut.Kubernetes.Client;

/// <summary>Turns transport failures into one <see cref="KubernetesConnectionException"/> that names the cause and the fix.</summary>
internal static class ConnectionErrors
{
    /// <summary>
    /// A failure of the connection rather than of the request: what HttpClient reports, and a reset that arrives just
    /// after the connect, which surfaces unwrapped (from the socket's peer address).
    /// </summary>
    public static bool IsTransportFailure(Exception exception) => exception is HttpRequestException or SocketException or IOException;

    /// <summary>The failure, which <see cref="IsTransportFailure"/> accepts, with its cause and fix.</summary>
    public static KubernetesConnectionException Create(ApiRequest request, Uri uri, KubernetesClientConfiguration configuration, Exception exception)
    {
        var subject = Subject(request, uri);
        if (exception is not HttpRequestException httpFailure)
        {
            return Reset(subject, configuration, exception);
        }
        switch (httpFailure.HttpRequestError)
        {
            case HttpRequestError.SecureConnectionError when configuration.ServerTrust.LastRejection is { } rejection:
                return new KubernetesConnectionException(subject, $"TLS handshake failed: {rejection.Reason}",
                    rejection.IsNameMismatch
                        ? "connect through one of the names in the certificate, or set clusters[].cluster.tls-server-name to one of them"
                        : $"use the kubeconfig written for this cluster ({configuration.Origin}): its certificate authority must be the CA that signed the API server's certificate (for Kind: kind export kubeconfig --name <cluster>)",
                    KubernetesConnectionFailure.UntrustedCertificate, exception);
            case HttpRequestError.SecureConnectionError:
                return new KubernetesConnectionException(subject, $"TLS handshake failed ({Innermost(exception)})",
                    $"check that {configuration.Server} speaks HTTPS on that port (use http:// for a plain-HTTP server) and that it accepts {configuration.AuthenticationDescription}",
                    KubernetesConnectionFailure.TlsHandshake, exception);
            case HttpRequestError.NameResolutionError:
                return new KubernetesConnectionException(subject, $"the host name \"{uri.Host}\" cannot be resolved ({Innermost(exception)})",
                    $"fix the server URL of {configuration.Origin}", KubernetesConnectionFailure.Unreachable, exception);
            case HttpRequestError.ProxyTunnelError:
                return new KubernetesConnectionException(subject, $"the proxy {configuration.ProxyUrl?.ToString() ?? "(from HTTPS_PROXY)"} failed to open a tunnel ({Innermost(exception)})",
                    "check proxy-url in the kubeconfig or the HTTPS_PROXY/NO_PROXY environment", KubernetesConnectionFailure.Unreachable, exception);
            case HttpRequestError.ResponseEnded:
                return new KubernetesConnectionException(subject, $"the server closed the connection without answering ({Innermost(exception)})",
                    $"check that {configuration.Server} accepts {configuration.AuthenticationDescription}: a server that requires a client certificate drops connections that present none or an untrusted one",
                    KubernetesConnectionFailure.TlsHandshake, exception);
            default:
                return new KubernetesConnectionException(subject, $"cannot connect to the API server ({Innermost(exception)})",
                    $"check that the cluster is running and that {configuration.Server} is its API server ({configuration.Origin}); for Kind: kind get clusters; for the emulator: start it first",
                    KubernetesConnectionFailure.Unreachable, exception);
        }
    }

    public static KubernetesConnectionException Timeout(ApiRequest request, Uri uri, KubernetesClientConfiguration configuration, TimeSpan timeout, Exception exception) =>
        new(Subject(request, uri), $"no response within {timeout.TotalSeconds:0.#} s",
            $"check that {configuration.Server} is healthy (kubectl get --raw /readyz), or raise KubernetesClientOptions.RequestTimeout",
            KubernetesConnectionFailure.Timeout, exception);

    private static KubernetesConnectionException Reset(string subject, KubernetesClientConfiguration configuration, Exception exception) =>
        new(subject, $"the connection was reset before the server answered ({Innermost(exception)})",
            $"check that the cluster is running and that {configuration.Server} is its API server ({configuration.Origin}); if it is, retry: " +
            "a reset right after connecting means the server, or a proxy or load balancer in front of it, dropped the connection",
            KubernetesConnectionFailure.Unreachable, exception);

    public static KubernetesConnectionException Broken(ApiRequest request, Uri uri, Exception exception) =>
        new(Subject(request, uri), $"the connection broke while reading the response ({Innermost(exception)})",
            "retry; if it keeps happening, check the network path to the API server (proxies, load balancers)",
            KubernetesConnectionFailure.Unreachable, exception);

    public static KubernetesConnectionException InvalidResponse(ApiRequest request, Uri uri, KubernetesClientConfiguration configuration, string expected, string? contentType, string body, Exception? exception) =>
        new(Subject(request, uri), $"the response is not {expected} ({(contentType is null ? "" : $"Content-Type {contentType}: ")}{ApiErrors.Snippet(body)})",
            $"check that {configuration.Server} is a Kubernetes API server and not another service or proxy ({configuration.Origin})",
            KubernetesConnectionFailure.InvalidResponse, exception);

    private static string Subject(ApiRequest request, Uri uri) => $"{request.Method.Method} {uri}";

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message.TrimEnd('.');
    }
}
