using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Notification.Reconciliation;

internal enum Transition
{
    /// <summary>Every channel delivered: Sent.</summary>
    Sent,

    /// <summary>Some delivered, the others exhausted their attempts or failed permanently: PartiallySent.</summary>
    PartiallySent,

    /// <summary>Nothing delivered and nothing left to try: Failed.</summary>
    Failed,

    /// <summary>Some delivered, failed channels have attempts left: Retrying (DD-E2E-003).</summary>
    Retrying,

    /// <summary>Nothing delivered yet, attempts left: stay in the current phase and retry after the backoff.</summary>
    RetryInPlace,
}

/// <summary>Kubernaut's phase.DetermineTransition over every attempt recorded so far for the resolved channels.</summary>
internal sealed record PhaseDecision(Transition Transition, string Reason, string Message, int Successful, int Channels, int MaxFailedAttempts)
{
    public static PhaseDecision Decide(IReadOnlyList<string> channels, IReadOnlyList<DeliveryAttempt> attempts, RetryPolicy policy)
    {
        bool Succeeded(string channel) => attempts.Any(a => a.Channel == channel && a.Succeeded);
        bool Permanent(string channel) => attempts.Any(a => a.Channel == channel && a.IsPermanentFailure);
        int Attempts(string channel) => attempts.Count(a => a.Channel == channel);

        var successful = channels.Count(Succeeded);
        var total = channels.Count;
        if (successful == total)
        {
            return new PhaseDecision(Transition.Sent, "AllDeliveriesSucceeded", $"Successfully delivered to {successful} channel(s)", successful, total, 0);
        }
        var maxFailedAttempts = channels.Where(c => !Succeeded(c)).Select(Attempts).DefaultIfEmpty(0).Max();
        var exhausted = channels.All(c => Succeeded(c) || Permanent(c) || Attempts(c) >= policy.MaxAttempts);
        if (exhausted && successful > 0)
        {
            return new PhaseDecision(Transition.PartiallySent, "PartialDeliverySuccess", $"Delivered to {successful}/{total} channel(s), others failed", successful, total, maxFailedAttempts);
        }
        if (exhausted)
        {
            var reason = channels.All(Permanent) ? "AllDeliveriesFailed" : "MaxRetriesExhausted";
            return new PhaseDecision(Transition.Failed, reason, "All delivery attempts failed or exhausted retries", successful, total, maxFailedAttempts);
        }
        return successful > 0
            ? new PhaseDecision(Transition.Retrying, "PartialFailureRetrying", $"Delivered to {successful}/{total} channel(s), retrying failed channels", successful, total, maxFailedAttempts)
            : new PhaseDecision(Transition.RetryInPlace, "AllDeliveriesFailed", "Delivery failed, will retry with backoff", successful, total, maxFailedAttempts);
    }
}
