using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Ambiguous;

/// <summary>Port of ambiguous.ts.</summary>
[Binding, CckSample("ambiguous")]
public sealed class AmbiguousSteps
{
    [Given(@"^a (.*?) with (.*?)$")]
    public void FirstOne(string subject, string detail)
    {
    }

    [Given(@"^a step with (.*?)$")]
    public void SecondOne(string detail)
    {
    }
}
