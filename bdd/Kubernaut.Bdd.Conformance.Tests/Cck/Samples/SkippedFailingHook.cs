using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.SkippedFailingHook;

/// <summary>Port of skipped-failing-hook.ts.</summary>
[Binding, CckSample("skipped-failing-hook")]
public sealed class SkippedFailingHookSteps
{
    [Given("a step that skips")]
    public void AStepThatSkips() => Assert.Skip("");

    [AfterScenario]
    public void FailingAfter() => throw new Exception("whoops");
}
