using FluentAssertions;
using Kubernaut.Acceptance.Support;

namespace Kubernaut.Acceptance.SelfTests;

public sealed class EventuallyTests
{
    private static readonly WaitPolicy Quick = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20));

    [Fact]
    public async Task Returns_the_first_acceptable_state()
    {
        var polls = 0;

        var state = await Eventually.UntilAsync("the counter to reach 3", _ => Task.FromResult(++polls), n => n >= 3, n => $"{n}", Quick, TestContext.Current.CancellationToken);

        state.Should().Be(3);
    }

    [Fact]
    public async Task A_timeout_says_what_was_awaited_and_the_last_state_seen()
    {
        var wait = () => Eventually.UntilAsync("the phase to be Sent", _ => Task.FromResult("Sending"), p => p == "Sent", p => $"phase {p}", Quick, TestContext.Current.CancellationToken);

        (await wait.Should().ThrowAsync<WaitTimeoutException>()).Which.Message.Should()
            .StartWith("Timed out after").And.Contain("waiting for the phase to be Sent").And.Contain("phase Sending");
    }

    [Fact]
    public async Task A_terminal_state_stops_the_wait_at_once_with_its_reason()
    {
        var polls = 0;
        var wait = () => Eventually.UntilAsync("the phase to be Sent", _ => { polls++; return Task.FromResult("Failed"); }, p => p == "Sent", p => $"phase {p}",
            new WaitPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), TestContext.Current.CancellationToken,
            stopWhen: p => p == "Failed" ? "Failed is terminal" : null);

        (await wait.Should().ThrowAsync<WaitTimeoutException>()).Which.Message.Should().StartWith("Stopped early (Failed is terminal)");
        polls.Should().Be(1);
    }

    [Fact]
    public async Task Transient_errors_are_retried_and_others_are_not()
    {
        var polls = 0;
        var state = await Eventually.UntilAsync("a flaky probe", _ => ++polls < 3 ? throw new IOException("connection reset by peer") : Task.FromResult(polls),
            _ => true, n => $"{n}", Quick, TestContext.Current.CancellationToken, isTransient: e => e is IOException);
        state.Should().Be(3);

        var broken = () => Eventually.UntilAsync<int>("a broken probe", _ => throw new InvalidOperationException("bug"), _ => true, n => $"{n}", Quick,
            TestContext.Current.CancellationToken, isTransient: e => e is IOException);
        await broken.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Holding_fails_with_the_state_that_broke_it()
    {
        var polls = 0;
        var hold = () => Eventually.HoldsAsync("the count to stay 1", _ => Task.FromResult(++polls < 3 ? 1 : 2), n => n == 1, n => $"count {n}",
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(5), TestContext.Current.CancellationToken);

        (await hold.Should().ThrowAsync<WaitTimeoutException>()).Which.Message.Should().Contain("it stopped holding").And.Contain("count 2");
    }
}
