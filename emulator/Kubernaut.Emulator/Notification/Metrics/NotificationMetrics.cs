using System.Text;

namespace Kubernaut.Emulator.Notification.Metrics;

/// <summary>
/// The metrics the Notification controller exposes (names from pkg/notification/metrics) plus the shared audit library's
/// writer counters (audit_events_*_total{service}).
/// </summary>
internal sealed class NotificationMetrics
{
    private const int HealthWindow = 20;

    private static readonly double[] DurationBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Dictionary<string, Queue<bool>> _recentOutcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _phaseOf = new(StringComparer.Ordinal);

    public Counter DeliveryAttempts { get; } = new("kubernaut_notification_delivery_attempts_total", "Delivery attempts per channel and outcome.", "channel", "status");

    public Histogram DeliveryDuration { get; } = new("kubernaut_notification_delivery_duration_seconds", "Duration of one delivery attempt per channel.", DurationBuckets, "channel");

    public Gauge ReconcilerActive { get; } = new("kubernaut_notification_reconciler_active", "NotificationRequests currently in each phase.", "phase");

    public Counter DeliveryRetries { get; } = new("kubernaut_notification_delivery_retries_total", "Delivery attempts after the first one, per channel.", "channel");

    public Gauge CircuitBreakerState { get; } = new("kubernaut_notification_channel_circuit_breaker_state", "Circuit breaker state per channel (0 closed, 1 half-open, 2 open).", "channel");

    public Gauge ChannelHealthScore { get; } = new("kubernaut_notification_channel_health_score", "Share of successful deliveries among the last 20 attempts per channel (0..1).", "channel");

    public Counter AuditEventsBuffered { get; } = new("audit_events_buffered_total", "Audit events accepted into the write buffer.", "service");

    public Counter AuditEventsWritten { get; } = new("audit_events_written_total", "Audit events written to DataStorage.", "service");

    public Counter AuditEventsDropped { get; } = new("audit_events_dropped_total", "Audit events dropped (buffer full, or batch dropped after its retries).", "service");

    public Counter AuditBatchesFailed { get; } = new("audit_batches_failed_total", "Audit batches DataStorage did not accept after all attempts.", "service");

    private IEnumerable<MetricFamily> Families =>
    [
        DeliveryAttempts, DeliveryDuration, ReconcilerActive, DeliveryRetries, CircuitBreakerState, ChannelHealthScore,
        AuditEventsBuffered, AuditEventsWritten, AuditEventsDropped, AuditBatchesFailed,
    ];

    public void RecordDelivery(string channel, bool succeeded, TimeSpan duration, int attempt)
    {
        DeliveryAttempts.Inc(channel, succeeded ? "success" : "failed");
        DeliveryDuration.Observe(duration.TotalSeconds, channel);
        if (attempt > 1)
        {
            DeliveryRetries.Inc(channel);
        }
        // The emulator, like Kubernaut's E2E deployment, never opens a breaker: receiver-qualified channels bypass it.
        CircuitBreakerState.Set(0, channel);
        double score;
        lock (_recentOutcomes)
        {
            if (!_recentOutcomes.TryGetValue(channel, out var outcomes))
            {
                _recentOutcomes[channel] = outcomes = new Queue<bool>();
            }
            outcomes.Enqueue(succeeded);
            if (outcomes.Count > HealthWindow)
            {
                outcomes.Dequeue();
            }
            score = outcomes.Count(o => o) / (double)outcomes.Count;
        }
        ChannelHealthScore.Set(score, channel);
    }

    /// <summary>Moves one NotificationRequest between phases in reconciler_active; null removes it (deleted).</summary>
    public void TrackPhase(string notification, string? phase)
    {
        lock (_phaseOf)
        {
            if (_phaseOf.TryGetValue(notification, out var previous))
            {
                if (previous == phase)
                {
                    return;
                }
                ReconcilerActive.Add(-1, previous);
                _phaseOf.Remove(notification);
            }
            if (phase is not null)
            {
                _phaseOf[notification] = phase;
                ReconcilerActive.Add(1, phase);
            }
        }
    }

    public string Render()
    {
        var output = new StringBuilder();
        foreach (var family in Families)
        {
            family.Render(output);
        }
        return output.ToString();
    }
}
