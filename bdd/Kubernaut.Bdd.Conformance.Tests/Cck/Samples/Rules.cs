using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Rules;

/// <summary>Port of rules.ts.</summary>
[Binding, CckSample("rules")]
public sealed class RulesSteps
{
    private int _money;
    private Stack<string> _stock = new();
    private string? _chocolate;

    [Given("the customer has {int} cents")]
    public void TheCustomerHasCents(int money) => _money = money;

    [Given("there are chocolate bars in stock")]
    public void ThereAreChocolateBarsInStock() => _stock = new Stack<string>(["Mars"]);

    [Given("there are no chocolate bars in stock")]
    public void ThereAreNoChocolateBarsInStock() => _stock = new Stack<string>();

    [When("the customer tries to buy a {int} cent chocolate bar")]
    public void TheCustomerTriesToBuyAChocolateBar(int price)
    {
        if (_money >= price)
        {
            _stock.TryPop(out _chocolate);
        }
    }

    [Then("the sale should not happen")]
    public void TheSaleShouldNotHappen() => NodeAssert.StrictEqual(_chocolate, null);

    [Then("the sale should happen")]
    public void TheSaleShouldHappen() => NodeAssert.Ok(_chocolate);
}
