using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.FailedishCombinations;

/// <summary>Port of failedish-combinations.ts.</summary>
[Binding, CckSample("failedish-combinations")]
public sealed class FailedishCombinationsSteps
{
    [Given(@"^a step$")]
    public void AStep()
    {
    }

    [Given(@"^a skipped step$")]
    public void ASkippedStep() => Assert.Skip("");

    [Given(@"^a pending step$")]
    public void APendingStep() => throw new PendingStepException();

    [Given(@"^an ambiguous (.*?)$")]
    public void AnAmbiguous(string what)
    {
    }

    [Given(@"^(.*?) ambiguous step$")]
    public void AmbiguousStep(string what)
    {
    }

    [Given(@"^a failing step$")]
    public void AFailingStep() => throw new Exception("whoops");
}
