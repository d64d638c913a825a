using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Skipped;

/// <summary>Port of skipped.ts: returning 'skipped' is a skip without a reason.</summary>
[Binding, CckSample("skipped")]
public sealed class SkippedSteps
{
    [Given("a step that does not skip")]
    public void AStepThatDoesNotSkip()
    {
    }

    [Given("a step that is skipped")]
    public void AStepThatIsSkipped()
    {
    }

    [Given("I skip a step")]
    public void ISkipAStep() => Assert.Skip("");
}
