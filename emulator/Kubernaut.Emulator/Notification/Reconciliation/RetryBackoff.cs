using System.Globalization;
using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Notification.Reconciliation;

/// <summary>
/// Kubernaut's pkg/shared/backoff for a retry policy: initial × multiplier^(attempts-1), capped at the maximum, with ±10%
/// jitter against thundering herds, clamped to [initial, maximum].
/// </summary>
internal static class RetryBackoff
{
    public static TimeSpan Nominal(RetryPolicy policy, int attempts)
    {
        var initial = TimeSpan.FromSeconds(policy.InitialBackoffSeconds);
        var maximum = TimeSpan.FromSeconds(policy.MaxBackoffSeconds);
        var backoff = initial;
        for (var i = 1; i < attempts && backoff < maximum; i++)
        {
            backoff *= Math.Max(1, policy.BackoffMultiplier);
        }
        return backoff > maximum ? maximum : backoff;
    }

    /// <param name="unitRandom">A value in [0, 1) that places the jitter inside ±10%.</param>
    public static TimeSpan WithJitter(RetryPolicy policy, int attempts, double unitRandom)
    {
        var nominal = Nominal(policy, attempts);
        var jittered = nominal + nominal * ((unitRandom * 2 - 1) * 0.1);
        var initial = TimeSpan.FromSeconds(policy.InitialBackoffSeconds);
        var maximum = TimeSpan.FromSeconds(policy.MaxBackoffSeconds);
        return jittered < initial ? initial : jittered > maximum ? maximum : jittered;
    }

    /// <summary>Go's time.Duration formatting (1.5s, 2m0s), as Kubernaut's status messages show backoffs.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return Math.Round(duration.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture) + "s";
        }
        var seconds = Math.Round(duration.TotalSeconds - Math.Floor(duration.TotalMinutes) * 60, 3);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m{seconds}s");
    }
}
