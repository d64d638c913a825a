using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Hosting;

/// <summary>
/// One Kestrel listener bound to 127.0.0.1 (HTTPS when a certificate is given). Every emulated endpoint
/// (Kubernetes API, DataStorage API, DataStorage health, metrics, mock receivers) is one of these, so each has
/// its own port and middleware, as the real services do.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(string name, WebApplication app, Uri baseAddress)
    {
        Name = name;
        _app = app;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    /// <summary>e.g. https://127.0.0.1:30090/ (always ends with a slash).</summary>
    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    /// <param name="port">0 picks a free port.</param>
    /// <param name="configure">Maps the endpoints and middleware of this listener.</param>
    /// <param name="listen">Connection-level middleware (runs before TLS), e.g. to reset connections as a fault.</param>
    public static async Task<LoopbackServer> StartAsync(
        string name,
        int port,
        X509Certificate2? certificate,
        Action<WebApplication> configure,
        ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? services = null,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? listen = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, options =>
            {
                listen?.Invoke(options);
                if (certificate is not null)
                {
                    options.UseHttps(certificate);
                }
            });
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        configure(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException or null)
        {
            await app.DisposeAsync();
            throw new EmulatorStartException(
                $"{name} could not listen on 127.0.0.1:{port}: {ex.Message}. Another process holds the port; stop it, or pass another port (0 picks a free one).", ex);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var actualPort = new Uri(address).Port;
        var scheme = certificate is null ? "http" : "https";
        return new LoopbackServer(name, app, new Uri($"{scheme}://127.0.0.1:{actualPort}/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The emulator could not start a listener; the message names the port and the fix.</summary>
public sealed class EmulatorStartException(string message, Exception? inner = null) : Exception(message, inner);
