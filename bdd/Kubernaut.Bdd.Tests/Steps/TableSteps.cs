using Reqnroll;
using Reqnroll.Assist;

namespace Kubernaut.Bdd.Tests.Steps;

[Binding]
public sealed class TableSteps(ScenarioContext scenario)
{
    [Given("the receiver")]
    public void GivenTheReceiver(DataTable table) => scenario.Set(table.CreateInstance<Receiver>());

    [Then("the receiver is")]
    public void ThenTheReceiverIs(DataTable expected) => expected.CompareToInstance(scenario.Get<Receiver>());

    [StepArgumentTransformation]
    public static EscalationPolicy ToEscalationPolicy(DataTable table) =>
        new(table.Rows.ToDictionary(row => int.Parse(row["level"], System.Globalization.CultureInfo.InvariantCulture), row => row["receiver"]));

    [Given("the escalation policy")]
    public void GivenTheEscalationPolicy(EscalationPolicy policy) => scenario.Set(policy);

    [Then("level {int} escalates to {string}")]
    public void ThenLevelEscalatesTo(int level, string receiver) => scenario.Get<EscalationPolicy>().ReceiverAt(level).Should().Be(receiver);

    [Given("the routing configuration")]
    public void GivenTheRoutingConfiguration(string configuration) => scenario.Set(configuration, "configuration");

    [Then("the configuration has {int} lines and names the receiver {string}")]
    public void ThenTheConfigurationHas(int lines, string receiver)
    {
        var configuration = scenario.Get<string>("configuration");
        configuration.Split('\n').Should().HaveCount(lines);
        configuration.Should().Contain("receiver: " + receiver);
    }
}
