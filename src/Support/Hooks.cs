using Kubernaut.Acceptance.Drivers;
using Reqnroll;
using Reqnroll.BoDi;

namespace Kubernaut.Acceptance.Support;

/// <summary>
/// Environment set-up and tear-down as composable steps (like kubernetes-sigs/e2e-framework): the target once per test
/// run, a namespace per scenario, evidence attached before anything is torn down.
/// </summary>
[Binding]
public sealed class Hooks(ScenarioContext scenario, IReqnrollOutputHelper output)
{
    [BeforeTestRun]
    public static async Task ConnectToTarget(IObjectContainer container)
    {
        var settings = AcceptanceSettings.FromEnvironment();
        var run = RunIdentity.Create();
        var target = await TargetConnection.ConnectAsync(settings, run, CancellationToken.None);
        container.RegisterInstanceAs(settings);
        container.RegisterInstanceAs(run);
        container.RegisterInstanceAs(target);
        container.RegisterInstanceAs(target.Kubernetes);
        container.RegisterInstanceAs(target.AuditApi);
    }

    [AfterTestRun]
    public static async Task DisconnectFromTarget(TargetConnection target) => await target.DisposeAsync();

    /// <summary>Runs first among the after-hooks, so the evidence is read while everything still exists (seed 003).</summary>
    [AfterScenario(Order = 0)]
    public async Task AttachEvidenceOfFailure(ScenarioEvidence evidence)
    {
        if (scenario.TestError is null)
        {
            return;
        }
        foreach (var (name, text) in await evidence.CollectAsync(CancellationToken.None))
        {
            output.AddAttachment(text, "text/plain", name);
        }
    }

    [AfterScenario(Order = 100)]
    public Task RemoveScenarioNamespace(ScenarioNamespace scenarioNamespace) => scenarioNamespace.DeleteAsync(CancellationToken.None);
}
