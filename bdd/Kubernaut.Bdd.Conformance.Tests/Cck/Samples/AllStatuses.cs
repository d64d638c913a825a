using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.AllStatuses;

/// <summary>Port of all-statuses.ts.</summary>
[Binding, CckSample("all-statuses")]
public sealed class AllStatusesSteps
{
    [Given(@"^a step$")]
    public void AStep()
    {
    }

    [Given(@"^a failing step$")]
    public void AFailingStep() => throw new Exception("whoops");

    [Given(@"^a pending step$")]
    public void APendingStep() => throw new PendingStepException();

    [Given(@"^a skipped step$")]
    public void ASkippedStep() => Assert.Skip("");

    [Given(@"^an ambiguous (.*?)$")]
    public void AnAmbiguous(string what)
    {
    }

    [Given(@"^(.*?) ambiguous step$")]
    public void AmbiguousStep(string what)
    {
    }
}
