using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.MultipleFeatures;

/// <summary>Port of multiple-features.ts, identical to multiple-features-reversed.ts.</summary>
[Binding, CckSample("multiple-features", "multiple-features-reversed")]
public sealed class MultipleFeaturesSteps
{
    [Given("an order for {string}")]
    public void AnOrderFor(string order)
    {
    }
}
