using Reqnroll;

namespace Kubernaut.Bdd.Benchmarks;

[Binding]
public sealed class CounterSteps(Counter counter)
{
    [Given("the counter starts at {int}")]
    public void GivenTheCounterStartsAt(int value) => counter.Start(value);

    [When("the counter is increased by {int}")]
    public void WhenTheCounterIsIncreasedBy(int by) => counter.Increase(by);

    [Then("the counter is {int}")]
    public void ThenTheCounterIs(int expected) => counter.AssertValue(expected);

    [Then("the counter value is {word}")]
    public void ThenTheCounterIsEvenOrOdd(string parity) => counter.AssertParity(parity);
}
