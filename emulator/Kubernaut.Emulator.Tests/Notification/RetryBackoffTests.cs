using FluentAssertions;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Reconciliation;

namespace Kubernaut.Emulator.Tests.Notification;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Default_policy_doubles_from_30s_and_caps_at_480s()
    {
        Enumerable.Range(1, 6).Select(attempt => RetryBackoff.Nominal(RetryPolicy.Default, attempt).TotalSeconds)
            .Should().Equal(30, 60, 120, 240, 480, 480);
    }

    [Theory]
    [InlineData(0.0, 54)]
    [InlineData(0.5, 60)]
    [InlineData(0.99999, 66)]
    public void Jitter_stays_within_ten_percent(double random, double seconds)
    {
        RetryBackoff.WithJitter(RetryPolicy.Default, 2, random).TotalSeconds.Should().BeApproximately(seconds, 0.01);
    }

    [Fact]
    public void Jitter_never_goes_below_the_initial_or_above_the_maximum_backoff()
    {
        RetryBackoff.WithJitter(RetryPolicy.Default, 1, 0.0).Should().Be(TimeSpan.FromSeconds(30));
        RetryBackoff.WithJitter(RetryPolicy.Default, 9, 0.99999).Should().Be(TimeSpan.FromSeconds(480));
    }

    [Theory]
    [InlineData(1.5, "1.5s")]
    [InlineData(32.4567, "32.457s")]
    [InlineData(120, "2m0s")]
    [InlineData(481.25, "8m1.25s")]
    public void Backoffs_are_formatted_as_Go_durations(double seconds, string expected)
    {
        RetryBackoff.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
    }
}
