using System.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kubernaut.Acceptance.Support;

/// <summary>How long to wait and how fast to poll: exponential backoff with jitter between the two delays.</summary>
public sealed record WaitPolicy(TimeSpan Timeout, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static WaitPolicy Within(TimeSpan timeout) => new(timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
}

/// <summary>
/// The one way the suite waits (design.md section 4: no fixed sleeps). Every wait names what it waits for, polls with
/// exponential backoff and jitter (Polly.Core), stops early on a terminal state, and on failure says what it waited
/// for, the last state it saw and how long it waited.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="accept"/> holds and returns that state.
    /// </summary>
    /// <param name="what">What is awaited, e.g. "notification x to reach phase Sent".</param>
    /// <param name="describe">Renders a state for the failure message.</param>
    /// <param name="stopWhen">Returns a reason when the state can no longer become acceptable (e.g. another terminal phase).</param>
    /// <param name="isTransient">Exceptions to retry instead of failing at once (e.g. connection resets).</param>
    public static async Task<T> UntilAsync<T>(
        string what,
        Func<CancellationToken, Task<T>> probe,
        Func<T, bool> accept,
        Func<T, string> describe,
        WaitPolicy policy,
        CancellationToken cancellationToken,
        Func<T, string?>? stopWhen = null,
        Func<Exception, bool>? isTransient = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var attempts = 0;
        var lastState = "nothing observed yet";
        string? stopReason = null;
        var pipeline = new ResiliencePipelineBuilder<T>()
            .AddTimeout(policy.Timeout)
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.FirstDelay,
                MaxDelay = policy.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } error } => isTransient?.Invoke(error) == true,
                    { Result: var state } => !accept(state!) && (stopReason = stopWhen?.Invoke(state!)) is null,
                }),
            })
            .Build();
        T result;
        try
        {
            result = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                try
                {
                    var state = await probe(token).ConfigureAwait(false);
                    lastState = describe(state);
                    return state;
                }
                catch (Exception error) when (isTransient?.Invoke(error) == true && !token.IsCancellationRequested)
                {
                    lastState = $"{error.GetType().Name}: {error.Message}";
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new WaitTimeoutException(what, lastState, stopwatch.Elapsed, attempts, stoppedEarly: null);
        }
        if (!accept(result))
        {
            throw new WaitTimeoutException(what, lastState, stopwatch.Elapsed, attempts, stopReason);
        }
        return result;
    }

    /// <summary>
    /// Checks that <paramref name="accept"/> keeps holding for <paramref name="window"/>, polling every
    /// <paramref name="interval"/>; throws with the state that broke it.
    /// </summary>
    public static async Task HoldsAsync<T>(
        string what,
        Func<CancellationToken, Task<T>> probe,
        Func<T, bool> accept,
        Func<T, string> describe,
        TimeSpan window,
        TimeSpan interval,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var pipeline = new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = interval,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && accept(args.Outcome.Result!) && stopwatch.Elapsed < window),
            })
            .Build();
        var state = await pipeline.ExecuteAsync(async token => await probe(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (!accept(state))
        {
            throw new WaitTimeoutException(
                $"{what} to stay true for {window.TotalSeconds:0.#} s",
                describe(state),
                stopwatch.Elapsed,
                attempts: null,
                stoppedEarly: "it stopped holding");
        }
    }
}

/// <summary>A wait that did not succeed: what was awaited, the last state seen, and for how long.</summary>
public sealed class WaitTimeoutException(string what, string lastState, TimeSpan elapsed, int? attempts, string? stoppedEarly)
    : Exception(Format(what, lastState, elapsed, attempts, stoppedEarly))
{
    private static string Format(string what, string lastState, TimeSpan elapsed, int? attempts, string? stoppedEarly)
    {
        var verdict = stoppedEarly is null ? "Timed out" : $"Stopped early ({stoppedEarly})";
        var tries = attempts is null ? "" : $", {attempts} attempt(s)";
        return $"{verdict} after {elapsed.TotalSeconds:0.0} s{tries} waiting for {what}.{Environment.NewLine}Last state seen:{Environment.NewLine}{lastState}";
    }
}
