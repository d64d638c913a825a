using Reqnroll;
using Reqnroll.Assist;

namespace Kubernaut.Bdd.Tests.Steps;

[Binding]
public sealed class RoutingSteps(RoutingTable routing)
{
    [Given("the receivers")]
    public void GivenTheReceivers(DataTable receivers) => routing.Add(receivers.CreateSet<Receiver>());

    [Given("the route {string} lists the receiver {string}")]
    public void GivenTheRouteListsTheReceiver(string route, string receiver) => routing.Route(route, receiver);

    [When("a notification is sent on the route {string}")]
    public void WhenANotificationIsSent(string route) => routing.Send(route);

    [Then("it is delivered to {int} receiver(s)")]
    public void ThenItIsDeliveredTo(int count) => routing.LastDelivery.Should().HaveCount(count);

    [Then("the receivers reached are")]
    public void ThenTheReceiversReachedAre(DataTable expected) => expected.CompareToSet(routing.LastDelivery, sequentialEquality: true);

    [Then("the receivers with retries are")]
    public void ThenTheReceiversWithRetriesAre(DataTable expected) => expected.CompareToSet(routing.Receivers.Where(r => r.MaxRetries > 0));
}
