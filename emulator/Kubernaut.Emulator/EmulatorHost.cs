using Kubernaut.Emulator.DataStorage;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Kubernetes.Admission;
using Kubernaut.Emulator.Kubernetes.Api;
using Kubernaut.Emulator.Kubernetes.Workloads;
using Kubernaut.Emulator.Notification;
using Kubernaut.Emulator.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubernaut.Emulator;

/// <summary>
/// The Kubernaut Emulator, running in-process: a Kubernetes API subset over HTTPS with the Kubernaut footprint deployed
/// (DataStorage, Notification controller, PostgreSQL, Redis, mock webhook), the DataStorage audit API over HTTPS with
/// Bearer tokens, and the Notification controller's metrics, all on 127.0.0.1. Start it with <see cref="StartAsync"/>,
/// point clients at the URLs it reports (trusting <see cref="CaPem"/>), and dispose it to stop everything.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _running = [];

    private EmulatorHost(EmulatorOptions options, CertificateAuthority ca, ObjectStore store, FaultPlan faults, PodLogBook logs, EventRecorder events, TokenAuthority tokens, RbacAuthorizer authorizer)
    {
        Options = options;
        CertificateAuthority = ca;
        Store = store;
        Faults = faults;
        Logs = logs;
        Events = events;
        Tokens = tokens;
        Authorizer = authorizer;
    }

    public EmulatorOptions Options { get; }

    /// <summary>The namespace of the Kubernaut footprint.</summary>
    public string Namespace => Options.Namespace;

    /// <summary>e.g. https://127.0.0.1:6443/</summary>
    public Uri KubernetesApiUrl => Api.BaseAddress;

    /// <summary>e.g. https://127.0.0.1:30090/ (the audit API; Bearer ServiceAccount token, CA below).</summary>
    public Uri DataStorageApiUrl => DataStorage.ApiBaseAddress;

    /// <summary>e.g. http://127.0.0.1:30281/ (/healthz and /readyz).</summary>
    public Uri DataStorageHealthUrl => DataStorage.HealthBaseAddress;

    /// <summary>e.g. http://127.0.0.1:9186/ (/metrics).</summary>
    public Uri NotificationMetricsUrl => Notification.MetricsBaseAddress;

    /// <summary>The kubeconfig user's bearer token (cluster-admin). Never log it.</summary>
    public string AdminToken => Tokens.AdminToken;

    /// <summary>The emulator CA in PEM: trust it for every HTTPS endpoint.</summary>
    public string CaPem => CertificateAuthority.CertificatePem;

    public CertificateAuthority CertificateAuthority { get; }

    public FaultPlan Faults { get; }

    public ObjectStore Store { get; }

    public PodLogBook Logs { get; }

    public EventRecorder Events { get; }

    /// <summary>TokenReview and TokenRequest (<see cref="ITokenReviewer"/>, <see cref="ITokenIssuer"/>).</summary>
    public TokenAuthority Tokens { get; }

    /// <summary>SubjectAccessReview over the stored RBAC objects.</summary>
    public ISubjectAccessReviewer Authorizer { get; }

    public DataStorageService DataStorage { get; private set; } = null!;

    public NotificationController Notification { get; private set; } = null!;

    /// <summary>The kubeconfig last written (by <see cref="EmulatorOptions.KubeconfigPath"/> or <see cref="WriteKubeconfig"/>).</summary>
    public string? KubeconfigPath { get; private set; }

    private KubernetesApiServer Api { get; set; } = null!;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var time = options.TimeProvider;
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var ca = CertificateAuthority.Create();
        var store = new ObjectStore(time);
        foreach (var plugin in AdmissionPlugins(store))
        {
            store.AddAdmissionPlugin(plugin);
        }
        var faults = new FaultPlan(time);
        options.Faults?.ApplyTo(faults);
        var logs = new PodLogBook(time);
        var tokens = new TokenAuthority(store, time);
        var host = new EmulatorHost(options, ca, store, faults, logs, new EventRecorder(store, time), tokens, new RbacAuthorizer(store));
        try
        {
            await host.StartComponentsAsync(loggers, cancellationToken);
            if (options.KubeconfigPath is { } path)
            {
                host.WriteKubeconfig(path);
            }
            return host;
        }
        catch (EmulatorStartException ex) when (PortOption(options, ex) is { } option)
        {
            await host.DisposeAsync();
            throw new EmulatorStartException($"{ex.Message} (In-process the port is EmulatorOptions.{option}.)", ex);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes a kubeconfig (server, CA data, admin token, context kubernaut-emulator, namespace of the footprint) and
    /// inter-service-ca.pem beside it; returns the kubeconfig path.
    /// </summary>
    public string WriteKubeconfig(string path)
    {
        Kubeconfig.Write(path, KubernetesApiUrl, CaPem, AdminToken, Namespace);
        KubeconfigPath = Path.GetFullPath(path);
        return KubeconfigPath;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            await _running[i].DisposeAsync();
        }
        _running.Clear();
        Tokens.Dispose();
        CertificateAuthority.Dispose();
    }

    /// <summary>The EmulatorOptions property that chose the port a listener could not bind, named in the failure.</summary>
    private static string? PortOption(EmulatorOptions options, EmulatorStartException failure) =>
        new (string Name, int Port)[]
        {
            (nameof(EmulatorOptions.KubernetesApiPort), options.KubernetesApiPort),
            (nameof(EmulatorOptions.DataStorageApiPort), options.DataStorageApiPort),
            (nameof(EmulatorOptions.DataStorageHealthPort), options.DataStorageHealthPort),
            (nameof(EmulatorOptions.NotificationMetricsPort), options.NotificationMetricsPort),
        }.FirstOrDefault(p => p.Port != 0 && failure.Message.Contains($"127.0.0.1:{p.Port}", StringComparison.Ordinal)).Name;

    /// <summary>The admission the API server runs for every write (defaulting, validation, namespace lifecycle).</summary>
    private static IEnumerable<IAdmissionPlugin> AdmissionPlugins(ObjectStore store) =>
    [
        new ObjectMetaAdmission(store),
        new WorkloadAdmission(),
        new ServiceAdmission(store),
        new SecretAdmission(),
        new RbacAdmission(),
        new NotificationRequestAdmission(),
        new RemediationRequestAdmission(),
    ];

    private async Task StartComponentsAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var options = Options;
        var time = options.TimeProvider;
        ClusterBootstrap.Install(Store);
        KubernautFootprint.Install(Store, Logs, options.Namespace);

        var namespaces = new NamespaceController(Store, loggers.CreateLogger<NamespaceController>(), time);
        _running.Add(namespaces);
        namespaces.Start();
        var workloads = new WorkloadController(Store, Events, Faults, loggers.CreateLogger<WorkloadController>(), time, options.Workloads);
        _running.Add(workloads);
        workloads.ReconcileAll();
        workloads.Start();

        Api = await KubernetesApiServer.StartAsync(
            new KubernetesApiDependencies(Store, Tokens, Authorizer, Logs, namespaces, Faults, CertificateAuthority, loggers, time),
            options.KubernetesApiPort, cancellationToken);
        _running.Add(Api);

        DataStorage = await DataStorageService.StartAsync(
            options.DataStorage with { Namespace = options.Namespace, ApiPort = options.DataStorageApiPort, HealthPort = options.DataStorageHealthPort },
            CertificateAuthority, Tokens, Authorizer, Faults, loggers, cancellationToken);
        _running.Add(DataStorage);

        Notification = await NotificationControllerService.StartAsync(
            options.Notification with
            {
                Namespace = options.Namespace,
                MetricsPort = options.NotificationMetricsPort,
                DataStorageHealthUrl = new Uri(DataStorage.HealthBaseAddress, "readyz"),
            },
            Store, Events, Logs, CertificateAuthority, Tokens, DataStorage.ApiBaseAddress, Faults, loggers, time, cancellationToken);
        _running.Add(Notification);
    }
}
