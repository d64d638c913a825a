using System.Net.Sockets;

namespace Kubernaut.Acceptance.Support;

/// <summary>
/// Failures of the network, not of the request: connection refused or reset (seed 000), an HTTP timeout. Retried with
/// backoff within a deadline; anything else fails at once.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception error) => error switch
    {
        HttpRequestException or IOException or SocketException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
