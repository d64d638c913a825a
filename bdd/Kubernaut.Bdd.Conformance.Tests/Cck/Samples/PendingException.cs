using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.PendingException;

/// <summary>Port of pending-exception.ts: PendingException('TODO') is PendingStepException("TODO").</summary>
[Binding, CckSample("pending-exception")]
public sealed class PendingExceptionSteps
{
    [Given("an unimplemented pending step")]
    public void AnUnimplementedPendingStep() => throw new PendingStepException("TODO");
}
