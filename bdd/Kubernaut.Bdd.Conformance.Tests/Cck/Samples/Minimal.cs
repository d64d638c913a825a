using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Minimal;

/// <summary>Port of minimal.ts.</summary>
[Binding, CckSample("minimal")]
public sealed class MinimalSteps
{
    [Given("I have {int} cukes in my belly")]
    public void IHaveCukesInMyBelly(int cukeCount)
    {
    }
}
