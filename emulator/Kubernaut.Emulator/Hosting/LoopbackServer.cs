using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. https://127.0.0.1:30090/ (always ends with a slash).</summary>
    public Uri BaseAddress { get; }

    /// <param name="port">0 picks a free port.</param>
    /// <param name="configure">Maps the endpoints and middleware of this listener.</param>
    /// <param name="listen">Connection-level middleware (runs before TLS), e.g. to reset connections as a fault.</param>
    public static async Task<LoopbackServer> StartAsync(
        string name,
        int port,
        X509Certificate2? certificate,
        Action<WebApplication> configure,
        ILoggerFactory? loggerFactory = null,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? listen = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            // The framework's own start/stop chatter ("Now listening on", "Press Ctrl+C") would repeat once per listener.
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }
        // The emulator's owner decides when to stop; no listener reacts to Ctrl+C or SIGTERM on its own.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
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
        var app = builder.Build();
        configure(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException or null)
        {
            await app.DisposeAsync();
            throw new EmulatorStartException(
                $"{name} could not listen on 127.0.0.1:{port}: the port is already in use. Stop the process that holds it, or choose another port (0 picks a free one).", ex);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var actualPort = new Uri(address).Port;
        var scheme = certificate is null ? "http" : "https";
        return new LoopbackServer(app, new Uri($"{scheme}://127.0.0.1:{actualPort}/"));
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

/// <summary>Hands a listener's log records to the emulator's logger factory.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target factory belongs to the emulator's owner.
    }
}

/// <summary>A host lifetime that waits for nothing and hooks no signals.</summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The emulator could not start a listener; the message names the port and the fix.</summary>
public sealed class EmulatorStartException(string message, Exception? inner = null) : Exception(message, inner);
