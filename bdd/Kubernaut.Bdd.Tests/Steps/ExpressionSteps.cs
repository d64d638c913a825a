using Reqnroll;

namespace Kubernaut.Bdd.Tests.Steps;

[Binding]
public sealed class ExpressionSteps(ScenarioContext scenario)
{
    private int _muted;

    [Given("{int} notifications of {float} KB each from {string} via {word}")]
    public void GivenNotifications(int count, double kilobytes, string source, string channel)
    {
        source.Should().Be("alertmanager");
        channel.Should().Be("webhook");
        scenario.Set((decimal)(count * kilobytes), "total");
    }

    [Then("the batch holds {float} KB in total")]
    public void ThenTheBatchHolds(decimal total) => scenario.Get<decimal>("total").Should().Be(total);

    [Given("{int} receiver(s) is/are muted/silenced")]
    public void GivenReceiversAreMuted(int count) => _muted += count;

    [Then("{int} receivers are muted in total")]
    public void ThenReceiversAreMutedInTotal(int count) => _muted.Should().Be(count);

    [StepArgumentTransformation(@"([A-Z]{3})-([A-Z]{3})", Name = "flight")]
    public static Flight ToFlight(string from, string to) => new(from, to);

    [Given("the flight {flight} is delayed")]
    public void GivenTheFlightIsDelayed(Flight flight) => scenario.Set(flight);

    [Then("the delayed flight leaves from {word} for {word}")]
    public void ThenTheDelayedFlightLeaves(string from, string to) => scenario.Get<Flight>().Should().Be(new Flight(from, to));

    [Given(@"^the retry budget is (\d+) attempts$")]
    public void GivenTheRetryBudget(int attempts) => scenario.Set(attempts, "budget");

    [Then(@"the retry budget allows (\d+) attempts$")]
    public void ThenTheRetryBudgetAllows(int attempts) => scenario.Get<int>("budget").Should().Be(attempts);

    [Given("a maintenance window from {DateTime} lasting {TimeSpan} for incident {Guid} on channel {Channel}")]
    public void GivenAMaintenanceWindow(DateTime start, TimeSpan length, Guid incident, Channel channel) =>
        scenario.Set(new MaintenanceWindow(start, length, incident, channel));

    [Then("the window ends at {DateTime}")]
    public void ThenTheWindowEndsAt(DateTime end)
    {
        var window = scenario.Get<MaintenanceWindow>();
        window.End.Should().Be(end);
        window.Channel.Should().Be(Channel.Pager);
        window.Incident.Should().Be(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
    }
}
