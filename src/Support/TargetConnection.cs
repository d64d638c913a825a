using Kubernaut.Acceptance.Drivers;
using Kubernaut.Acceptance.Drivers.DataStorage;
using Kubernaut.Emulator;
using Kubernaut.Kubernetes.Client;
using Kubernaut.Kubernetes.Client.Config;
using Kubernaut.Kubernetes.Client.Models;
using Kubernaut.Kubernetes.Client.Tls;

namespace Kubernaut.Acceptance.Support;

/// <summary>
/// The Kubernaut the run talks to, whatever the target: a Kubernetes client, the DataStorage audit API with the suite's
/// own ServiceAccount token, and (for the emulator) the in-process host. Created once per test run by the hooks;
/// features and steps never know which target this is.
/// </summary>
public sealed class TargetConnection : IAsyncDisposable
{
    /// <summary>The suite's own ServiceAccount, bound to data-storage-client like Kubernaut's E2E SA (FACTS section 4.2 step 6).</summary>
    public const string SuiteServiceAccount = "kubernaut-acceptance";

    private readonly EmulatorHost? _emulator;
    private readonly HttpClient _dataStorageHttp;

    private TargetConnection(KubernetesClient kubernetes, HttpClient dataStorageHttp, AuditApiClient auditApi, EmulatorHost? emulator)
    {
        Kubernetes = kubernetes;
        _dataStorageHttp = dataStorageHttp;
        AuditApi = auditApi;
        _emulator = emulator;
    }

    public KubernetesClient Kubernetes { get; }

    public AuditApiClient AuditApi { get; }

    /// <summary>Connects, then checks the target is really ready (pods Ready and DataStorage /readyz 200) before any scenario runs.</summary>
    public static async Task<TargetConnection> ConnectAsync(AcceptanceSettings settings, RunIdentity run, CancellationToken cancellationToken)
    {
        EmulatorHost? emulator = null;
        try
        {
            if (settings.Target == TargetKind.Emulator)
            {
                var kubeconfig = Path.Combine(Path.GetTempPath(), "kubernaut-acceptance", run.Id, "kubeconfig");
                (emulator, settings) = await settings.StartEmulatorAsync(kubeconfig, cancellationToken).ConfigureAwait(false);
            }

            var kubernetes = KubernetesClient.FromKubeconfig(new KubeconfigLoadOptions { Path = settings.Kubeconfig, Context = settings.KubeContext });
            // Preflight: the API server is reachable, trusted and accepts the kubeconfig's credentials.
            await kubernetes.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var caFile = settings.DataStorageCaFile ?? Path.Combine(Path.GetDirectoryName(kubernetes.Configuration.KubeconfigPath) ?? ".", "inter-service-ca.pem");
            if (!File.Exists(caFile))
            {
                throw new SettingsException(
                    $"DataStorage CA bundle {caFile} does not exist. Fix: write the cluster's inter-service CA there (Kubernaut's E2E setup does) or set {AcceptanceSettings.Variables.DataStorageCaFile}.");
            }
            var dataStorageHttp = new HttpClient(ServerCertificateTrust.FromPemFile(caFile).CreateHandler()) { Timeout = TimeSpan.FromSeconds(20) };

            await WaitUntilReadyAsync(kubernetes, dataStorageHttp, settings, cancellationToken).ConfigureAwait(false);
            var token = await SuiteTokenAsync(kubernetes, settings.KubernautNamespace, cancellationToken).ConfigureAwait(false);
            var auditApi = new AuditApiClient(dataStorageHttp, settings.DataStorageUrl, token, settings.AuditTimeout);
            return new TargetConnection(kubernetes, dataStorageHttp, auditApi, emulator);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>A token for a ServiceAccount of the caller's choosing (scenarios about DataStorage's auth use their own).</summary>
    public Task<string> TokenForAsync(string @namespace, string serviceAccount, CancellationToken cancellationToken) =>
        RequestTokenAsync(Kubernetes, @namespace, serviceAccount, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _dataStorageHttp.Dispose();
        Kubernetes.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Seed 002/003: a Ready pod is not a ready service. Both must hold, polled with backoff, stopping on terminal reasons.
    private static async Task WaitUntilReadyAsync(KubernetesClient kubernetes, HttpClient http, AcceptanceSettings settings, CancellationToken cancellationToken)
    {
        var readinessUrl = settings.DataStorageReadinessUrl;
        var cluster = new ClusterDriver(kubernetes);
        foreach (var app in new[] { "datastorage", "notification-controller" })
        {
            await cluster.WaitForPodsReadyAsync(settings.KubernautNamespace, app, settings.ReadinessTimeout, cancellationToken).ConfigureAwait(false);
        }
        await Eventually.UntilAsync(
            $"DataStorage readiness {readinessUrl} to answer 200",
            async token =>
            {
                using var response = await http.GetAsync(readinessUrl, token).ConfigureAwait(false);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(token).ConfigureAwait(false));
            },
            answer => answer.Item1 == 200,
            answer => $"  HTTP {answer.Item1}: {answer.Item2}",
            WaitPolicy.Within(settings.ReadinessTimeout),
            cancellationToken,
            isTransient: TransientFailures.IsTransient).ConfigureAwait(false);
    }

    private static async Task<string> SuiteTokenAsync(KubernetesClient kubernetes, string @namespace, CancellationToken cancellationToken)
    {
        var accounts = kubernetes.Resources<ServiceAccount>();
        if (await accounts.GetOrNullAsync(SuiteServiceAccount, @namespace, cancellationToken).ConfigureAwait(false) is null)
        {
            await accounts.CreateAsync(new ServiceAccount { Metadata = { Name = SuiteServiceAccount, Namespace = @namespace } }, cancellationToken).ConfigureAwait(false);
        }
        await DataStorageAccess.GrantAsync(kubernetes, @namespace, SuiteServiceAccount, cancellationToken).ConfigureAwait(false);
        return await RequestTokenAsync(kubernetes, @namespace, SuiteServiceAccount, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> RequestTokenAsync(KubernetesClient kubernetes, string @namespace, string serviceAccount, CancellationToken cancellationToken) =>
        (await kubernetes.RequestServiceAccountTokenAsync(@namespace, serviceAccount, TimeSpan.FromHours(1), cancellationToken: cancellationToken).ConfigureAwait(false)).Token;
}

/// <summary>DataStorage authorizes a ServiceAccount bound in its namespace to the ClusterRole data-storage-client (DD-AUTH-014).</summary>
public static class DataStorageAccess
{
    public const string ClientClusterRole = "data-storage-client";

    public static string BindingName(string serviceAccount) => $"{serviceAccount}-data-storage-client";

    public static async Task GrantAsync(KubernetesClient kubernetes, string @namespace, string serviceAccount, CancellationToken cancellationToken)
    {
        var bindings = kubernetes.Resources<RoleBinding>();
        if (await bindings.GetOrNullAsync(BindingName(serviceAccount), @namespace, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }
        await bindings.CreateAsync(new RoleBinding
        {
            Metadata = { Name = BindingName(serviceAccount), Namespace = @namespace },
            Subjects = [new RbacSubject { Kind = "ServiceAccount", Name = serviceAccount, Namespace = @namespace }],
            RoleRef = new RoleRef { Kind = "ClusterRole", Name = ClientClusterRole },
        }, cancellationToken).ConfigureAwait(false);
    }
}
