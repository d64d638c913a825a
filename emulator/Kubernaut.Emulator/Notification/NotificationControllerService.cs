using System.Globalization;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification.Audit;
using Kubernaut.Emulator.Notification.Delivery;
using Kubernaut.Emulator.Notification.Metrics;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Receivers;
using Kubernaut.Emulator.Notification.Reconciliation;
using Kubernaut.Emulator.Notification.Routing;
using Kubernaut.Emulator.Security;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Notification;

/// <summary>Starts the emulated Notification controller, its mock receivers and the auth webhook's deletion attribution.</summary>
public static class NotificationControllerService
{
    /// <param name="dataStorageApi">DataStorage's HTTPS API base address (audit batches go to api/v1/audit/events/batch).</param>
    public static async Task<NotificationController> StartAsync(
        NotificationControllerOptions options,
        ObjectStore store,
        EventRecorder events,
        PodLogBook logs,
        CertificateAuthority ca,
        ITokenIssuer tokens,
        Uri dataStorageApi,
        FaultPlan faults,
        ILoggerFactory loggerFactory,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var controller = new NotificationController(options, store, faults, loggerFactory, time);
        try
        {
            await controller.StartAsync(events, logs, ca, tokens, dataStorageApi, cancellationToken);
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// A running Notification controller. Dispose to stop it: reconciles stop, buffered audit is flushed, listeners close.
/// The file channel's output directory is kept for inspection.
/// </summary>
public sealed class NotificationController : IAsyncDisposable
{
    private static readonly TimeSpan PodNotRunningRecheck = TimeSpan.FromSeconds(1);

    private readonly NotificationControllerOptions _options;
    private readonly ObjectStore _store;
    private readonly FaultPlan _faults;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly ReconcileQueue _queue;
    private CaTrustingHttpClient? _http;
    private BufferedAuditWriter? _controllerAudit;
    private BufferedAuditWriter? _webhookAudit;
    private NotificationDeletionAttribution? _deletionAttribution;
    private LoopbackServer? _endpoints;
    private MockReceivers? _receivers;
    private int _disposed;

    internal NotificationController(NotificationControllerOptions options, ObjectStore store, FaultPlan faults, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _options = options;
        _store = store;
        _faults = faults;
        _loggerFactory = loggerFactory;
        _time = time;
        _queue = new ReconcileQueue(time);
        OutputDirectory = options.FileOutputDirectory ?? Directory.CreateTempSubdirectory("kubernaut-notifications-").FullName;
    }

    /// <summary>/metrics, /healthz and /readyz, e.g. http://127.0.0.1:9186/.</summary>
    public Uri MetricsBaseAddress => _endpoints!.BaseAddress;

    /// <summary>The plain-HTTP mock receiver (webhook, pagerduty, teams endpoints and their /fail variants).</summary>
    public Uri ReceiverBaseAddress => Receivers.BaseAddress;

    /// <summary>The mock receivers, with what each received.</summary>
    public MockReceivers Receivers => _receivers!;

    /// <summary>Where the file channel writes notification-&lt;name&gt;-&lt;timestamp&gt;.json.</summary>
    public string OutputDirectory { get; }

    public string Namespace => _options.Namespace;

    internal async Task StartAsync(EventRecorder events, PodLogBook logs, CertificateAuthority ca, ITokenIssuer tokens, Uri dataStorageApi, CancellationToken cancellationToken)
    {
        var logger = _loggerFactory.CreateLogger("Kubernaut.Emulator.Notification");
        var log = new ControllerLog(logs, _options.Namespace, NotificationNames.Controller, logger, _time);
        var webhookLog = new ControllerLog(logs, _options.Namespace, NotificationNames.AuthWebhook, logger, _time);
        var metrics = new NotificationMetrics();
        Directory.CreateDirectory(OutputDirectory);

        _receivers = await MockReceivers.StartAsync(ca, _loggerFactory, _time, cancellationToken);
        NotificationDeployment.Ensure(_store, _options, _receivers, dataStorageApi, OutputDirectory);

        _http = new CaTrustingHttpClient(ca.Certificate, _options.DeliveryTimeout);
        var auditSettings = new AuditWriterSettings(_options.AuditBufferSize, _options.AuditBatchSize, _options.AuditFlushInterval, _options.AuditMaxRetries, _options.AuditRetryBackoffUnit);
        _controllerAudit = new BufferedAuditWriter(NotificationNames.Controller, _http.Client, dataStorageApi,
            new ServiceAccountToken(tokens, _options.Namespace, NotificationNames.Controller, _time), auditSettings, metrics, log, _time);
        _webhookAudit = new BufferedAuditWriter(NotificationNames.AuthWebhook, _http.Client, dataStorageApi,
            new ServiceAccountToken(tokens, _options.Namespace, NotificationNames.AuthWebhook, _time), auditSettings, metrics, webhookLog, _time);
        _deletionAttribution = new NotificationDeletionAttribution(_webhookAudit, webhookLog, _time);
        _store.AddAdmissionPlugin(_deletionAttribution);

        var routing = new RoutingConfigSource(_options, events, log);
        var loadedAt = _store.CurrentResourceVersion;
        routing.Load(_store.Get(ResourceKinds.ConfigMap, _options.Namespace, _options.RoutingConfigMapName), "startup");
        var reconciler = new NotificationReconciler(_store, events, log, metrics, new NotificationAuditTrail(_controllerAudit, _time), routing,
            new ChannelDelivery(_http, new DeliveryCredentials(_store, _options.Namespace), log, OutputDirectory, _time), _queue, _time);

        _endpoints = await ControllerEndpoints.StartAsync(_options.MetricsPort, metrics, _http.Client, _options.DataStorageHealthUrl, _faults, _options.Namespace, _loggerFactory, cancellationToken);

        var stopping = _stopping.Token;
        // Watches are opened before StartAsync returns; the routing watch resumes from the version the startup load saw.
        _loops.Add(ResilientWatch.RunAsync(_store, ResourceKinds.ConfigMap, _options.Namespace, loadedAt == 0 ? null : loadedAt.ToString(CultureInfo.InvariantCulture),
            routing.OnConfigMapChange, log, _time, stopping));
        _loops.Add(ResilientWatch.RunAsync(_store, ResourceKinds.NotificationRequest, null, null,
            change => _queue.Add(new NotificationKey(ObjectMeta.Namespace(change.Object), ObjectMeta.Name(change.Object))), log, _time, stopping));
        for (var worker = 0; worker < Math.Max(1, _options.Workers); worker++)
        {
            _loops.Add(Task.Run(() => WorkAsync(reconciler, log, stopping), stopping));
        }
        log.Info("Notification controller started", ("namespace", _options.Namespace), ("metrics", MetricsBaseAddress.ToString()),
            ("receivers", ReceiverBaseAddress.ToString()), ("outputDir", OutputDirectory), ("workers", _options.Workers));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        _queue.Dispose();
        await Task.WhenAll(_loops.Select(loop => loop.ContinueWith(_ => { }, TaskScheduler.Default)));
        _deletionAttribution?.Stop();
        if (_controllerAudit is not null)
        {
            await _controllerAudit.DisposeAsync();
        }
        if (_webhookAudit is not null)
        {
            await _webhookAudit.DisposeAsync();
        }
        if (_endpoints is not null)
        {
            await _endpoints.DisposeAsync();
        }
        if (_receivers is not null)
        {
            await _receivers.DisposeAsync();
        }
        _http?.Dispose();
        _stopping.Dispose();
    }

    private async Task WorkAsync(NotificationReconciler reconciler, ControllerLog log, CancellationToken stopping)
    {
        while (await _queue.TakeAsync(stopping) is { } key)
        {
            try
            {
                if (_faults.DeploymentFailure(_options.Namespace, NotificationNames.Controller) is not null)
                {
                    // The controller pod is not running (seed 001): nothing reconciles until the fault clears.
                    _queue.AddAfter(key, PodNotRunningRecheck);
                    continue;
                }
                await reconciler.ReconcileAsync(key, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.Error("Reconciler error", ex.Message, ("notification", key.ToString()));
                _queue.AddAfter(key, PodNotRunningRecheck);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }
}
