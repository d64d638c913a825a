using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// Connection-level faults. The listener middleware runs before TLS, so a new connection is reset before the handshake
/// and the client sees "connection reset by peer" as in seed 000; the request guard does the same to connections that
/// were already open (pooled keep-alive connections), so an unreachable DataStorage is unreachable for every client.
/// </summary>
internal static class ConnectionFaults
{
    /// <summary>Resets every new connection for which <paramref name="resetReason"/> returns a reason.</summary>
    public static Action<ListenOptions> ResetWhen(Func<string?> resetReason, ILogger logger) => listen =>
        listen.Use(next => connection =>
        {
            var reason = resetReason();
            if (reason is null)
            {
                return next(connection);
            }
            logger.LogWarning("Resetting connection {ConnectionId} from {Remote}: {Reason}", connection.ConnectionId, connection.RemoteEndPoint, reason);
            Reset(connection.Features);
            connection.Abort(new ConnectionAbortedException(reason));
            return Task.CompletedTask;
        });

    /// <summary>Resets the connection of every request for which <paramref name="resetReason"/> returns a reason.</summary>
    public static Func<HttpContext, RequestDelegate, Task> ResetRequestsWhen(Func<string?> resetReason, ILogger logger) => (context, next) =>
    {
        var reason = resetReason();
        if (reason is null)
        {
            return next(context);
        }
        logger.LogWarning("Resetting the connection of {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, reason);
        Reset(context.Features);
        context.Abort();
        return Task.CompletedTask;
    };

    // Linger 0 makes close() send RST instead of FIN; closing the socket before Kestrel's graceful shutdown keeps the FIN out.
    private static void Reset(IFeatureCollection features)
    {
        if (features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
    }
}
