using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Pending;

/// <summary>Port of pending.ts: returning 'pending' is Reqnroll's bare PendingStepException (ScenarioContext.Pending()).</summary>
[Binding, CckSample("pending")]
public sealed class PendingSteps
{
    [Given("an implemented non-pending step")]
    public void AnImplementedNonPendingStep()
    {
    }

    [Given("an implemented step that is skipped")]
    public void AnImplementedStepThatIsSkipped()
    {
    }

    [Given("an unimplemented pending step")]
    public void AnUnimplementedPendingStep() => throw new PendingStepException();
}
