using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.StackTraces;

/// <summary>Port of stack-traces.ts.</summary>
[Binding, CckSample("stack-traces")]
public sealed class StackTracesSteps
{
    [When("a step throws an exception")]
    public void AStepThrowsAnException() => throw new Exception("BOOM");
}
