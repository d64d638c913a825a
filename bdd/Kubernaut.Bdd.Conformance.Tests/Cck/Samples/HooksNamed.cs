using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.HooksNamed;

/// <summary>Port of hooks-named.ts.</summary>
[Binding, CckSample("hooks-named")]
public sealed class HooksNamedSteps
{
    [BeforeScenario(Name = "A named before hook")]
    public void NamedBefore()
    {
    }

    [When("a step passes")]
    public void AStepPasses()
    {
    }

    [AfterScenario(Name = "A named after hook")]
    public void NamedAfter()
    {
    }
}
