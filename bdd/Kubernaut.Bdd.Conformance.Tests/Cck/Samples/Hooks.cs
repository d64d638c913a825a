using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Hooks;

/// <summary>Port of hooks.ts.</summary>
[Binding, CckSample("hooks")]
public sealed class HooksSteps
{
    [BeforeScenario]
    public void Before()
    {
    }

    [When("a step passes")]
    public void AStepPasses()
    {
    }

    [When("a step fails")]
    public void AStepFails() => throw new Exception("Exception in step");

    [AfterScenario]
    public void After()
    {
    }
}
