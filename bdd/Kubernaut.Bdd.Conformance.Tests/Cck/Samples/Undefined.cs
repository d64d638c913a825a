using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Undefined;

/// <summary>Port of undefined.ts, identical to undefined-multiple.ts.</summary>
[Binding, CckSample("undefined", "undefined-multiple")]
public sealed class UndefinedSteps
{
    [Given("an implemented step")]
    public void AnImplementedStep()
    {
    }

    [Given("a step that will be skipped")]
    public void AStepThatWillBeSkipped()
    {
    }
}
