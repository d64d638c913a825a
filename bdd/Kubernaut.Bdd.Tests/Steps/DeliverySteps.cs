using Reqnroll;

namespace Kubernaut.Bdd.Tests.Steps;

[Binding]
public sealed class DeliverySteps(DeliverySimulator delivery)
{
    [Given("a notification routed to the receiver {string}")]
    public void GivenANotificationRoutedTo(string receiver) => delivery.Receiver = receiver;

    [When("it is delivered with outcome {DeliveryOutcome}")]
    public void WhenItIsDelivered(DeliveryOutcome outcome) => delivery.Deliver(outcome);

    [Then("the number of delivery attempts is {int}")]
    public void ThenTheNumberOfDeliveryAttemptsIs(int attempts) => delivery.Attempts.Should().Be(attempts, "the receiver was {0}", delivery.Receiver);
}
