using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Backgrounds;

/// <summary>Port of backgrounds.ts, identical to rules-backgrounds.ts.</summary>
[Binding, CckSample("backgrounds", "rules-backgrounds")]
public sealed class BackgroundsSteps
{
    [Given("an order for {string}")]
    public void AnOrderFor(string order)
    {
    }

    [When("an action")]
    public void AnAction()
    {
    }

    [Then("an outcome")]
    public void AnOutcome()
    {
    }
}
