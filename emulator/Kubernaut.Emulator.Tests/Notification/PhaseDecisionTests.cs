using FluentAssertions;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Reconciliation;

namespace Kubernaut.Emulator.Tests.Notification;

public sealed class PhaseDecisionTests
{
    private static readonly RetryPolicy ThreeAttempts = new(3, 1, 2, 60);

    private static DeliveryAttempt Success(string channel, int attempt = 1) => new(channel, attempt, DateTimeOffset.UnixEpoch, "success", "", 0);

    private static DeliveryAttempt Failure(string channel, int attempt = 1, bool permanent = false) =>
        new(channel, attempt, DateTimeOffset.UnixEpoch, "failed", permanent ? "permanent failure: slack webhook returned 404" : "slack webhook returned 503", 0);

    [Fact]
    public void All_channels_delivered_is_Sent()
    {
        var decision = PhaseDecision.Decide(["console", "file"], [Success("console"), Success("file")], ThreeAttempts);

        decision.Should().Be(new PhaseDecision(Transition.Sent, "AllDeliveriesSucceeded", "Successfully delivered to 2 channel(s)", 2, 2, 0));
    }

    [Fact]
    public void Partial_success_with_attempts_left_is_Retrying_before_PartiallySent()
    {
        var decision = PhaseDecision.Decide(["console", "slack:x"], [Success("console"), Failure("slack:x")], ThreeAttempts);

        decision.Transition.Should().Be(Transition.Retrying);
        decision.Reason.Should().Be("PartialFailureRetrying");
        decision.Message.Should().Be("Delivered to 1/2 channel(s), retrying failed channels");
        decision.MaxFailedAttempts.Should().Be(1);
    }

    [Fact]
    public void Partial_success_with_attempts_exhausted_is_PartiallySent()
    {
        var decision = PhaseDecision.Decide(["console", "slack:x"], [Success("console"), Failure("slack:x", 1), Failure("slack:x", 2), Failure("slack:x", 3)], ThreeAttempts);

        decision.Should().Be(new PhaseDecision(Transition.PartiallySent, "PartialDeliverySuccess", "Delivered to 1/2 channel(s), others failed", 1, 2, 3));
    }

    [Fact]
    public void Nothing_delivered_with_attempts_left_retries_in_place()
    {
        var decision = PhaseDecision.Decide(["slack:x"], [Failure("slack:x")], ThreeAttempts);

        decision.Transition.Should().Be(Transition.RetryInPlace);
        decision.Reason.Should().Be("AllDeliveriesFailed");
    }

    [Fact]
    public void Nothing_delivered_after_the_last_attempt_is_Failed_with_MaxRetriesExhausted()
    {
        var decision = PhaseDecision.Decide(["slack:x"], [Failure("slack:x", 1), Failure("slack:x", 2), Failure("slack:x", 3)], ThreeAttempts);

        decision.Should().Be(new PhaseDecision(Transition.Failed, "MaxRetriesExhausted", "All delivery attempts failed or exhausted retries", 0, 1, 3));
    }

    [Fact]
    public void Permanent_failures_on_every_channel_fail_at_once_with_AllDeliveriesFailed()
    {
        var decision = PhaseDecision.Decide(["slack:x"], [Failure("slack:x", permanent: true)], ThreeAttempts);

        decision.Transition.Should().Be(Transition.Failed);
        decision.Reason.Should().Be("AllDeliveriesFailed");
    }
}
