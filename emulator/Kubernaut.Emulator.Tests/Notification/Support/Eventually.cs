using System.Diagnostics;
using Xunit.Sdk;

namespace Kubernaut.Emulator.Tests.Notification.Support;

/// <summary>Polling with a deadline: tests wait for conditions, never for fixed times, and fail saying what they saw.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="observe"/> until <paramref name="done"/> holds; fails with the last observation.</summary>
    public static Task<T> Until<T>(Func<T> observe, Func<T, bool> done, string awaited, TimeSpan? timeout = null, Func<T, string>? describe = null) =>
        UntilAsync(() => Task.FromResult(observe()), done, awaited, timeout, describe);

    /// <summary>As <see cref="Until{T}"/>, for observations that are themselves asynchronous (HTTP queries).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string awaited, TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await observe();
            if (done(last))
            {
                return last;
            }
            if (clock.Elapsed > limit)
            {
                throw new XunitException($"Timed out after {limit.TotalSeconds:0.#}s waiting for {awaited}. Last seen: {(describe is null ? last?.ToString() : describe(last))}");
            }
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Checks that <paramref name="holds"/> stays true for the whole settle <paramref name="window"/>.</summary>
    public static async Task Stays<T>(Func<T> observe, Func<T, bool> holds, string expectation, TimeSpan window, Func<T, string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = observe();
            if (!holds(last))
            {
                throw new XunitException($"Expected {expectation} for {window.TotalMilliseconds:0}ms, but after {clock.ElapsedMilliseconds}ms saw: {(describe is null ? last?.ToString() : describe(last))}");
            }
            if (clock.Elapsed > window)
            {
                return;
            }
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}
