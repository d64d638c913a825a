using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.HooksSkipped;

/// <summary>Port of hooks-skipped.ts: returning 'skipped' is a skip without a reason.</summary>
[Binding, CckSample("hooks-skipped")]
public sealed class HooksSkippedSteps
{
    [BeforeScenario]
    public void FirstBefore()
    {
    }

    [BeforeScenario("@skip-before")]
    public void SkippingBefore() => Assert.Skip("");

    [BeforeScenario]
    public void ThirdBefore()
    {
    }

    [Given("a normal step")]
    public void ANormalStep()
    {
    }

    [Given("a step that skips")]
    public void AStepThatSkips() => Assert.Skip("");

    [AfterScenario]
    public void FirstAfter()
    {
    }

    [AfterScenario("@skip-after")]
    public void SkippingAfter() => Assert.Skip("");

    [AfterScenario]
    public void ThirdAfter()
    {
    }
}
