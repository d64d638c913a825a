using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.SkippedException;

/// <summary>Port of skipped-exception.ts: SkippedException('skipping') is xUnit's Assert.Skip("skipping").</summary>
[Binding, CckSample("skipped-exception")]
public sealed class SkippedExceptionSteps
{
    [Given("I skip a step")]
    public void ISkipAStep() => Assert.Skip("skipping");
}
