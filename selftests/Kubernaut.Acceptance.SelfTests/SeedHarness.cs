using Kubernaut.Acceptance.Drivers;
using Kubernaut.Acceptance.Support;
using Kubernaut.Emulator;

namespace Kubernaut.Acceptance.SelfTests;

/// <summary>
/// An in-process emulator the test can break (its FaultPlan), and the suite connected to it the way a run against an
/// existing cluster connects, so every wait and retry under test is the suite's own.
/// </summary>
internal sealed class SeedHarness : IAsyncDisposable
{
    private SeedHarness(EmulatorHost emulator, AcceptanceSettings settings)
    {
        Emulator = emulator;
        Settings = settings;
    }

    public EmulatorHost Emulator { get; }

    public AcceptanceSettings Settings { get; }

    public RunIdentity Run { get; } = RunIdentity.Create();

    public static async Task<SeedHarness> StartAsync(AcceptanceSettings? tuning = null)
    {
        var settings = tuning ?? new AcceptanceSettings();
        var kubeconfig = Path.Combine(Path.GetTempPath(), "kubernaut-acceptance-selftests", Guid.NewGuid().ToString("N"), "kubeconfig");
        var (emulator, pointed) = await settings.StartEmulatorAsync(kubeconfig, TestContext.Current.CancellationToken);
        return new SeedHarness(emulator, pointed);
    }

    public Task<TargetConnection> ConnectAsync() => TargetConnection.ConnectAsync(Settings, Run, TestContext.Current.CancellationToken);

    /// <summary>The drivers a scenario would get, wired to <paramref name="target"/>.</summary>
    public (NotificationDriver Notifications, AuditTrailDriver AuditTrail, RemediationUnderTest Remediation) Drivers(TargetConnection target)
    {
        var remediation = new RemediationUnderTest();
        var notifications = new NotificationDriver(target.Kubernetes, new ScenarioNamespace(target.Kubernetes, Run), remediation, Run, Settings);
        return (notifications, new AuditTrailDriver(target.AuditApi, Settings), remediation);
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
