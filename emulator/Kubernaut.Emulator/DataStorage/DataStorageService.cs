using System.Security.Cryptography.X509Certificates;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// The emulated Kubernaut DataStorage: the audit API over HTTPS (Bearer tokens, SubjectAccessReview, OpenAPI
/// validation, RFC 7807 problems) and a plain-HTTP health port, over an in-memory audit store, misbehaving as the
/// <see cref="FaultPlan"/> says.
/// </summary>
public sealed class DataStorageService : IAsyncDisposable
{
    private readonly LoopbackServer _api;
    private readonly LoopbackServer _health;
    private readonly Readiness _readiness;
    private readonly X509Certificate2 _certificate;

    private DataStorageService(DataStorageOptions options, AuditEventStore store, Readiness readiness, X509Certificate2 certificate, LoopbackServer api, LoopbackServer health)
    {
        _certificate = certificate;
        Options = options;
        Store = store;
        _readiness = readiness;
        _api = api;
        _health = health;
    }

    public DataStorageOptions Options { get; }

    /// <summary>e.g. https://127.0.0.1:30090/ — the audit API; clients trust the emulator CA.</summary>
    public Uri ApiBaseAddress => _api.BaseAddress;

    /// <summary>e.g. http://127.0.0.1:30281/ — /healthz and /readyz.</summary>
    public Uri HealthBaseAddress => _health.BaseAddress;

    /// <summary>Every audit event written so far.</summary>
    public AuditEventStore Store { get; }

    public static async Task<DataStorageService> StartAsync(
        DataStorageOptions options,
        CertificateAuthority ca,
        ITokenReviewer tokens,
        ISubjectAccessReviewer access,
        FaultPlan faults,
        ILoggerFactory logs,
        CancellationToken ct)
    {
        var logger = logs.CreateLogger("Kubernaut.Emulator.DataStorage");
        var time = TimeProvider.System;
        var store = new AuditEventStore();
        var readiness = new Readiness(faults, time);
        var api = new AuditApi(store, faults, new DataStorageAuthorizer(tokens, access, options), readiness, time, logger);

        var unreachable = () => faults.DataStorageUnreachable ? "injected fault: DataStorage unreachable (FaultPlan.MakeDataStorageUnreachable)" : null;
        var apiConnectionFault = () => unreachable()
            ?? (faults.TryConsumeConnectionReset() ? "injected fault: connection reset (FaultPlan.ResetDataStorageConnections)" : null);

        var certificate = ca.IssueServerCertificate(options.ServiceName);
        LoopbackServer? apiServer = null;
        try
        {
            apiServer = await Listen(nameof(DataStorageOptions.ApiPort), options.ApiPort, () => LoopbackServer.StartAsync(
                "DataStorage API", options.ApiPort, certificate, app => app.Use(ConnectionFaults.ResetRequestsWhen(unreachable, logger)).Run(api.HandleAsync), logs,
                listen: ConnectionFaults.ResetWhen(apiConnectionFault, logger), cancellationToken: ct));
            var healthServer = await Listen(nameof(DataStorageOptions.HealthPort), options.HealthPort, () => LoopbackServer.StartAsync(
                "DataStorage health", options.HealthPort, null,
                app => app.Use(ConnectionFaults.ResetRequestsWhen(unreachable, logger)).Run(context => ServeHealthAsync(context, readiness)), logs,
                listen: ConnectionFaults.ResetWhen(unreachable, logger), cancellationToken: ct));
            logger.LogInformation("DataStorage API at {Api}, health at {Health}, namespace {Namespace}", apiServer.BaseAddress, healthServer.BaseAddress, options.Namespace);
            return new DataStorageService(options, store, readiness, certificate, apiServer, healthServer);
        }
        catch
        {
            if (apiServer is not null)
            {
                await apiServer.DisposeAsync();
            }
            certificate.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _readiness.BeginShutdown();
        await _api.DisposeAsync();
        await _health.DisposeAsync();
        _certificate.Dispose();
    }

    /// <summary>Starts a listener; a taken port fails with the option that chose it.</summary>
    private static async Task<LoopbackServer> Listen(string option, int port, Func<Task<LoopbackServer>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception ex) when (ex is EmulatorStartException || IsAddressInUse(ex))
        {
            throw new EmulatorStartException(
                $"DataStorage could not listen on 127.0.0.1:{port} ({nameof(DataStorageOptions)}.{option}): the port is taken, probably by another emulator or a " +
                "port-forward. Stop that process, or set another port (0 picks a free one).", ex);
        }
    }

    private static bool IsAddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }
        return false;
    }

    private static Task ServeHealthAsync(HttpContext context, Readiness readiness)
    {
        var path = context.Request.Path.Value;
        if (path is not ("/healthz" or "/readyz"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("404 page not found: the health port serves GET /healthz and GET /readyz\n");
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET";
            return context.Response.WriteAsync($"{context.Request.Method} not allowed on {path}: use GET\n");
        }
        return path == "/healthz" ? readiness.WriteHealthzAsync(context) : readiness.WriteReadyzAsync(context);
    }
}
