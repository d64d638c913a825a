using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kubernaut.Kubernetes.Client.Tests.Support;

/// <summary>A minimal HTTP CONNECT proxy that records the tunnels it opened.</summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    public ConnectProxy()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>The "host:port" of each CONNECT request.</summary>
    public ConcurrentQueue<string> Tunnels { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = TunnelAsync(client);
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using (client)
        {
            var downstream = client.GetStream();
            var target = (await ReadHeaderAsync(downstream)).Split(' ')[1];
            Tunnels.Enqueue(target);
            var separator = target.LastIndexOf(':');
            using var upstreamClient = new TcpClient();
            await upstreamClient.ConnectAsync(target[..separator], int.Parse(target[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), stopping.Token);
            var upstream = upstreamClient.GetStream();
            await downstream.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), stopping.Token);
            await Task.WhenAny(downstream.CopyToAsync(upstream, stopping.Token), upstream.CopyToAsync(downstream, stopping.Token));
        }
    }

    private static async Task<string> ReadHeaderAsync(Stream stream)
    {
        var header = new StringBuilder();
        var buffer = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
        {
            header.Append((char)buffer[0]);
        }

        return header.ToString();
    }
}
