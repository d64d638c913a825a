using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.HooksConditional;

/// <summary>Port of hooks-conditional.ts.</summary>
[Binding, CckSample("hooks-conditional")]
public sealed class HooksConditionalSteps
{
    [BeforeScenario("@passing-hook")]
    public Task BeforePassingHook() => Task.CompletedTask;

    [BeforeScenario("@fail-before")]
    public void BeforeFailing() => throw new Exception("Exception in conditional hook");

    [When("a step passes")]
    public void AStepPasses()
    {
    }

    [AfterScenario("@fail-after")]
    public void AfterFailing() => throw new Exception("Exception in conditional hook");

    [AfterScenario("@passing-hook")]
    public Task AfterPassingHook() => Task.CompletedTask;
}
