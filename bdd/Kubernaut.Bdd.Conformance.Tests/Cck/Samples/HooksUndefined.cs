using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.HooksUndefined;

/// <summary>Port of hooks-undefined.ts.</summary>
[Binding, CckSample("hooks-undefined")]
public sealed class HooksUndefinedSteps
{
    [BeforeScenario]
    public void Before()
    {
    }

    [AfterScenario]
    public void After()
    {
    }
}
