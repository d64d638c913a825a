using FluentAssertions;
using Kubernaut.Acceptance.Drivers;
using Reqnroll;
using Reqnroll.Assist;

namespace Kubernaut.Acceptance.Steps;

[Binding]
public sealed class NotificationSteps(NotificationDriver notifications)
{
    [StepArgumentTransformation(@"([a-z0-9:-]+(?:, [a-z0-9:-]+)*)", Name = "channels")]
    public static IReadOnlyList<string> ChannelList(string channels) => channels.Split(", ");

    [Given("a(n) {string} notification with priority {string} for remediation {string}")]
    public void GivenANotification(string type, string priority, string remediation) =>
        notifications.Describe(new NotificationDraft(type, priority, remediation));

    [Given("it is routed to the {string} channel set")]
    public void GivenItIsRoutedTo(string channelSet) => notifications.RouteTo(channelSet);

    [Given("it allows at most {int} delivery attempt(s)")]
    public void GivenItAllowsAtMost(int attempts) => notifications.LimitAttempts(attempts);

    [Given("the notification has been delivered")]
    public async Task GivenTheNotificationHasBeenDelivered()
    {
        await notifications.SubmitAsync();
        await notifications.WaitForPhaseAsync("Sent");
    }

    [When("the notification is submitted")]
    public Task WhenTheNotificationIsSubmitted() => notifications.SubmitAsync();

    [When("the notification is deleted")]
    public Task WhenTheNotificationIsDeleted() => notifications.DeleteLatestAsync();

    [Then("the notification is {string} with reason {string}")]
    public async Task ThenTheNotificationIs(string phase, string reason)
    {
        var outcome = await notifications.WaitForPhaseAsync(phase);
        outcome.Reason.Should().Be(reason, "the controller's status says:{0}{1}", Environment.NewLine, outcome.Describe());
    }

    [Then("its delivery attempts are:")]
    public void ThenItsDeliveryAttemptsAre(Table expected) => expected.CompareToSet(notifications.LastOutcome.Attempts);

    [Then("it was delivered successfully to {channels}")]
    public void ThenItWasDeliveredSuccessfullyTo(IReadOnlyList<string> channels) =>
        notifications.LastOutcome.Attempts.Where(a => a.Status == "success").Select(a => a.Channel)
            .Should().BeEquivalentTo(channels, "each channel of the set gets exactly one successful delivery");

    [Then("the notification's routing was resolved by {string}")]
    public void ThenTheRoutingWasResolvedBy(string reason) =>
        notifications.LastOutcome.Conditions.Should().ContainSingle(c => c.Type == "RoutingResolved")
            .Which.Reason.Should().Be(reason);
}
