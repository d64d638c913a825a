using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.ExamplesTables;

/// <summary>Port of examples-tables.ts.</summary>
[Binding, CckSample("examples-tables")]
public sealed class ExamplesTablesSteps
{
    private int _count;
    private int _friends;

    [Given("there are {int} cucumbers")]
    public void ThereAreCucumbers(int initialCount) => _count = initialCount;

    [Given("there are {int} friends")]
    public void ThereAreFriends(int initialFriends) => _friends = initialFriends;

    [When("I eat {int} cucumbers")]
    public void IEatCucumbers(int eatCount) => _count -= eatCount;

    [Then("I should have {int} cucumbers")]
    public void IShouldHaveCucumbers(int expectedCount) => NodeAssert.StrictEqual(_count, expectedCount);

    [Then("each person can eat {int} cucumbers")]
    public void EachPersonCanEatCucumbers(int expectedShare)
    {
        var share = (int)Math.Floor((double)_count / (1 + _friends));
        NodeAssert.StrictEqual(share, expectedShare);
    }
}
