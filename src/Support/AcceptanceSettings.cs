using System.Collections;
using System.Globalization;
using Kubernaut.Emulator;

namespace Kubernaut.Acceptance.Support;

/// <summary>Which Kubernaut the suite runs against (design.md section 1).</summary>
public enum TargetKind
{
    /// <summary>The in-process Kubernaut Emulator: a fresh machine, no Docker or Kind.</summary>
    Emulator,

    /// <summary>A cluster that already runs Kubernaut (KUBECONFIG + endpoints); nothing is provisioned or deleted.</summary>
    Existing,
}

/// <summary>
/// The suite's configuration: defaults here, each overridable by one environment variable (named in
/// <see cref="Variables"/>), so CI jobs configure a run without editing files. Immutable once read.
/// </summary>
public sealed record AcceptanceSettings
{
    public TargetKind Target { get; init; } = TargetKind.Emulator;

    /// <summary>Kubeconfig of the existing target (KUBECONFIG rules apply when unset).</summary>
    public string? Kubeconfig { get; init; }

    public string? KubeContext { get; init; }

    /// <summary>Namespace Kubernaut runs in; DataStorage authorizes ServiceAccounts bound there.</summary>
    public string KubernautNamespace { get; init; } = "notification-e2e";

    /// <summary>DataStorage audit API of the existing target (Kubernaut's notification Kind config maps it to host port 30090).</summary>
    public Uri DataStorageUrl { get; init; } = new("https://localhost:30090/");

    /// <summary>DataStorage readiness endpoint of the existing target (health port 30281).</summary>
    public Uri DataStorageReadinessUrl { get; init; } = new("http://127.0.0.1:30281/readyz");

    /// <summary>CA bundle DataStorage's certificate chains to; defaults to inter-service-ca.pem beside the kubeconfig (Kubernaut's convention).</summary>
    public string? DataStorageCaFile { get; init; }

    /// <summary>How long a notification may take to reach a terminal phase.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long audit events may take to become queryable (the controller flushes every second).</summary>
    public TimeSpan AuditTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an exact audit count must stay exact before it is believed (catches late duplicates).</summary>
    public TimeSpan AuditSettleWindow { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the target may take to become ready (DataStorage /readyz answering 200).</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts the emulator in these settings' namespace, writing its kubeconfig to <paramref name="kubeconfig"/>, and
    /// returns it with these settings pointed at it the way a run against an existing cluster is pointed at one: its
    /// kubeconfig, its DataStorage API and readiness URLs.
    /// </summary>
    public async Task<(EmulatorHost Emulator, AcceptanceSettings Settings)> StartEmulatorAsync(string kubeconfig, CancellationToken cancellationToken)
    {
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Namespace = KubernautNamespace, KubeconfigPath = kubeconfig }, cancellationToken).ConfigureAwait(false);
        return (emulator, this with
        {
            Target = TargetKind.Existing,
            Kubeconfig = kubeconfig,
            DataStorageUrl = emulator.DataStorageApiUrl,
            DataStorageReadinessUrl = new Uri(emulator.DataStorageHealthUrl, "readyz"),
        });
    }

    public static class Variables
    {
        public const string Target = "KUBERNAUT_TARGET";
        public const string Kubeconfig = "KUBECONFIG";
        public const string KubeContext = "KUBERNAUT_KUBE_CONTEXT";
        public const string Namespace = "KUBERNAUT_NAMESPACE";
        public const string DataStorageUrl = "KUBERNAUT_DATASTORAGE_URL";
        public const string DataStorageReadinessUrl = "KUBERNAUT_DATASTORAGE_READYZ_URL";
        public const string DataStorageCaFile = "KUBERNAUT_DATASTORAGE_CA";
        public const string PhaseTimeout = "KUBERNAUT_PHASE_TIMEOUT_SECONDS";
        public const string AuditTimeout = "KUBERNAUT_AUDIT_TIMEOUT_SECONDS";
        public const string AuditSettleWindow = "KUBERNAUT_AUDIT_SETTLE_SECONDS";
        public const string ReadinessTimeout = "KUBERNAUT_READINESS_TIMEOUT_SECONDS";
    }

    public static AcceptanceSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariables());

    /// <summary>Reads the variables; a value that cannot be used is one <see cref="SettingsException"/> naming the variable and the fix.</summary>
    public static AcceptanceSettings FromVariables(IDictionary variables)
    {
        string? Read(string name) => variables[name] is string { Length: > 0 } value ? value.Trim() : null;
        Uri? ReadUri(string name) => ParseUri(name, Read(name));
        TimeSpan? ReadSeconds(string name) => ParseSeconds(name, Read(name));
        var defaults = new AcceptanceSettings();
        return new AcceptanceSettings
        {
            Target = ReadTarget(Read(Variables.Target)),
            Kubeconfig = Read(Variables.Kubeconfig),
            KubeContext = Read(Variables.KubeContext),
            KubernautNamespace = Read(Variables.Namespace) ?? defaults.KubernautNamespace,
            DataStorageUrl = ReadUri(Variables.DataStorageUrl) ?? defaults.DataStorageUrl,
            DataStorageReadinessUrl = ReadUri(Variables.DataStorageReadinessUrl) ?? defaults.DataStorageReadinessUrl,
            DataStorageCaFile = Read(Variables.DataStorageCaFile),
            PhaseTimeout = ReadSeconds(Variables.PhaseTimeout) ?? defaults.PhaseTimeout,
            AuditTimeout = ReadSeconds(Variables.AuditTimeout) ?? defaults.AuditTimeout,
            AuditSettleWindow = ReadSeconds(Variables.AuditSettleWindow) ?? defaults.AuditSettleWindow,
            ReadinessTimeout = ReadSeconds(Variables.ReadinessTimeout) ?? defaults.ReadinessTimeout,
        };
    }

    private static TargetKind ReadTarget(string? value) => value?.ToLowerInvariant() switch
    {
        null or "emulator" => TargetKind.Emulator,
        "existing" => TargetKind.Existing,
        "kind" => throw new SettingsException(
            $"{Variables.Target}=kind: this version of the suite cannot provision Kind clusters yet. " +
            $"Fix: create the cluster with Kubernaut's own tooling and run with {Variables.Target}=existing and {Variables.Kubeconfig} pointing at it, or unset {Variables.Target} to use the emulator."),
        _ => throw new SettingsException($"{Variables.Target}={value}: unknown target. Fix: use \"emulator\" (default) or \"existing\"."),
    };

    private static Uri? ParseUri(string variable, string? value)
    {
        if (value is null)
        {
            return null;
        }
        return Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new SettingsException($"{variable}={value}: not an absolute http(s) URL. Fix: set it like https://localhost:30090.");
    }

    private static TimeSpan? ParseSeconds(string variable, string? value)
    {
        if (value is null)
        {
            return null;
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new SettingsException($"{variable}={value}: not a positive number of seconds. Fix: set it like 30.");
    }
}

/// <summary>The suite's configuration cannot be used; the message names the setting and the fix.</summary>
public sealed class SettingsException(string message) : Exception(message);
