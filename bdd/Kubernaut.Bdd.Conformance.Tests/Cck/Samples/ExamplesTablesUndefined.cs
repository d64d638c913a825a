using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.ExamplesTablesUndefined;

/// <summary>Port of examples-tables-undefined.ts, identical to examples-tables-undefined-multiple.ts.</summary>
[Binding, CckSample("examples-tables-undefined", "examples-tables-undefined-multiple")]
public sealed class ExamplesTablesUndefinedSteps
{
    private int _count;

    [Given("there are {int} cucumbers")]
    public void ThereAreCucumbers(int initialCount) => _count = initialCount;

    [When("I eat {int} cucumbers")]
    public void IEatCucumbers(int eatCount) => _count -= eatCount;

    [Then("I should have {int} cucumbers")]
    public void IShouldHaveCucumbers(int expectedCount) => NodeAssert.StrictEqual(_count, expectedCount);
}
