using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.UnusedSteps;

/// <summary>Port of unused-steps.ts.</summary>
[Binding, CckSample("unused-steps")]
public sealed class UnusedStepsSteps
{
    [Given("a step that is used")]
    public void AStepThatIsUsed()
    {
    }

    [Given("a step that is not used")]
    public void AStepThatIsNotUsed()
    {
    }
}
