using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification.Audit;
using Kubernaut.Emulator.Notification.Delivery;
using Kubernaut.Emulator.Notification.Metrics;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Routing;

namespace Kubernaut.Emulator.Notification.Reconciliation;

/// <summary>
/// Kubernaut's NotificationRequestReconciler: Pending → Sending → Sent | PartiallySent | Retrying | Failed, delivering to
/// the channels routing resolves, retrying only failed channels after an exponential backoff, recording every attempt,
/// auditing each delivery, and writing status only through the status subresource. A generation already processed to a
/// terminal phase is skipped (NT-BUG-008), so the reconciles its own status writes trigger never repeat deliveries or audit.
/// </summary>
internal sealed class NotificationReconciler(
    ObjectStore store,
    EventRecorder events,
    ControllerLog log,
    NotificationMetrics metrics,
    NotificationAuditTrail audit,
    RoutingConfigSource routing,
    ChannelDelivery delivery,
    ReconcileQueue queue,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<NotificationKey, DateTimeOffset> _retryNotBefore = new();

    public async Task ReconcileAsync(NotificationKey key, CancellationToken cancellationToken)
    {
        var obj = store.Get(ResourceKinds.NotificationRequest, key.Namespace, key.Name);
        if (obj is null)
        {
            Forget(key);
            return;
        }
        var request = NotificationRequestView.Parse(obj);
        var status = NotificationStatus.Parse(obj["status"]);
        if (request.Generation == status.ObservedGeneration && status.DeliveryAttempts.Count > 0 && NotificationPhases.IsTerminal(status.Phase))
        {
            log.Info("Duplicate reconcile prevented: generation already processed", ("notification", key.ToString()), ("generation", request.Generation), ("phase", status.Phase));
            return;
        }
        if (NotificationPhases.IsTerminal(status.Phase))
        {
            return;
        }
        if (RetryWait(key, status, request.RetryPolicy) is { } wait)
        {
            queue.AddAfter(key, wait);
            return;
        }
        Record(obj, "Normal", "ReconcileStarted", $"Started reconciling notification {key.Name}");
        if (status.Phase.Length == 0)
        {
            status.TransitionTo(NotificationPhases.Pending, "Initialized", "Notification request received", time.GetUtcNow());
            status.ObservedGeneration = request.Generation;
            if (WriteStatus(key, status) is not null)
            {
                log.Info("NotificationRequest status initialized", ("notification", key.ToString()));
                queue.Add(key);
            }
            return;
        }
        if (status.Phase == NotificationPhases.Pending)
        {
            status.TransitionTo(NotificationPhases.Sending, "ProcessingDeliveries", "Processing delivery channels", time.GetUtcNow());
            status.ObservedGeneration = request.Generation;
            if (WriteStatus(key, status) is null)
            {
                return;
            }
        }
        await DeliverAsync(key, obj, request, status, cancellationToken);
    }

    private async Task DeliverAsync(NotificationKey key, JsonObject obj, NotificationRequestView request, NotificationStatus status, CancellationToken cancellationToken)
    {
        var routed = RoutingResolver.Resolve(routing.Current, request);
        status.SetCondition(NotificationPhases.ConditionRoutingResolved, routed.Resolved, routed.Reason, routed.Message, request.Generation, time.GetUtcNow());
        log.Info("Resolved channels from routing rules", ("notification", key.ToString()), ("receivers", routed.Receivers), ("channels", routed.Channels.Select(c => c.Name)));
        if (routed.Channels.Count == 0)
        {
            Complete(key, obj, request, status, new PhaseDecision(Transition.Failed, "NoChannelsResolved", routed.Message, 0, 0, 0));
            return;
        }
        var sanitized = ChannelDelivery.Sanitized(request);
        var attempts = new List<DeliveryAttempt>();
        foreach (var channel in routed.Channels)
        {
            var previous = status.DeliveryAttempts.Where(a => a.Channel == channel.Name).ToList();
            if (previous.Any(a => a.Succeeded || a.IsPermanentFailure) || previous.Count >= request.RetryPolicy.MaxAttempts)
            {
                continue;
            }
            attempts.Add(await AttemptAsync(request, sanitized, channel, previous.Count + 1, obj, cancellationToken));
        }
        status.Record(attempts);
        Complete(key, obj, request, status, PhaseDecision.Decide(routed.Channels.Select(c => c.Name).ToList(), status.DeliveryAttempts, request.RetryPolicy));
    }

    private async Task<DeliveryAttempt> AttemptAsync(NotificationRequestView request, NotificationRequestView sanitized, ChannelTarget channel, int attempt, JsonObject obj, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        DeliveryResult result;
        try
        {
            result = await delivery.DeliverAsync(channel, sanitized, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = DeliveryResult.Retryable($"{channel.Name} delivery failed: {ex.Message}");
        }
        var duration = stopwatch.Elapsed;
        var seconds = Math.Round(duration.TotalSeconds, 3);
        metrics.RecordDelivery(channel.Name, result.Succeeded, duration, attempt);
        var fields = new (string, object?)[] { ("notification", request.Key.ToString()), ("channel", channel.Name), ("attempt", attempt), ("durationSeconds", seconds) };
        if (result.Succeeded)
        {
            log.Info("Delivery successful", fields);
            audit.Sent(request, channel.Name);
            Record(obj, "Normal", "NotificationSent", $"Successfully delivered to channel {channel.Name}");
            return new DeliveryAttempt(channel.Name, attempt, started, NotificationPhases.AttemptSuccess, "", seconds);
        }
        log.Error(result.Permanent ? "Delivery failed with permanent error (will NOT retry)" : "Delivery failed with retryable error", result.Error, fields);
        audit.Failed(request, channel.Name, attempt, result.Error);
        var error = result.Permanent ? $"{NotificationPhases.PermanentFailureMarker}: {result.Error}" : result.Error;
        return new DeliveryAttempt(channel.Name, attempt, started, NotificationPhases.AttemptFailed, error, seconds);
    }

    private void Complete(NotificationKey key, JsonObject obj, NotificationRequestView request, NotificationStatus status, PhaseDecision decision)
    {
        var now = time.GetUtcNow();
        var backoff = decision.Transition is Transition.Retrying or Transition.RetryInPlace
            ? RetryBackoff.WithJitter(request.RetryPolicy, Math.Max(1, decision.MaxFailedAttempts), Random.Shared.NextDouble())
            : TimeSpan.Zero;
        switch (decision.Transition)
        {
            case Transition.Sent:
                status.TransitionTo(NotificationPhases.Sent, decision.Reason, decision.Message, now);
                status.SetCondition(NotificationPhases.ConditionReady, true, "Ready", "Notification delivered", request.Generation, now);
                break;
            case Transition.PartiallySent:
                status.TransitionTo(NotificationPhases.PartiallySent, decision.Reason, decision.Message, now);
                status.SetCondition(NotificationPhases.ConditionReady, true, "Ready", "Notification partially delivered", request.Generation, now);
                break;
            case Transition.Failed:
                status.TransitionTo(NotificationPhases.Failed, decision.Reason, decision.Message, now);
                status.SetCondition(NotificationPhases.ConditionReady, false, "NotReady", "Notification delivery failed", request.Generation, now);
                break;
            case Transition.Retrying:
                status.TransitionTo(NotificationPhases.Retrying, decision.Reason, $"{decision.Message} with backoff {RetryBackoff.Format(backoff)}", now);
                break;
        }
        status.ObservedGeneration = request.Generation;
        if (WriteStatus(key, status) is null)
        {
            return;
        }
        log.Info("Phase transition", ("notification", key.ToString()), ("phase", status.Phase), ("reason", decision.Reason),
            ("successfulDeliveries", status.SuccessfulDeliveries), ("failedDeliveries", status.FailedDeliveries), ("totalAttempts", status.TotalAttempts));
        switch (decision.Transition)
        {
            case Transition.Sent:
                _retryNotBefore.TryRemove(key, out _);
                audit.Acknowledged(request);
                break;
            case Transition.PartiallySent:
                _retryNotBefore.TryRemove(key, out _);
                Record(obj, "Normal", "NotificationPartiallySent", decision.Message);
                break;
            case Transition.Failed:
                _retryNotBefore.TryRemove(key, out _);
                Record(obj, "Warning", "NotificationFailed", decision.Message);
                audit.Escalated(request);
                break;
            case Transition.Retrying:
                Record(obj, "Normal", "NotificationRetrying", $"Retrying failed channels with backoff {RetryBackoff.Format(backoff)}");
                ScheduleRetry(key, backoff, now);
                break;
            case Transition.RetryInPlace:
                ScheduleRetry(key, backoff, now);
                break;
        }
    }

    private void ScheduleRetry(NotificationKey key, TimeSpan backoff, DateTimeOffset now)
    {
        _retryNotBefore[key] = now + backoff;
        log.Info("Retry scheduled", ("notification", key.ToString()), ("backoff", RetryBackoff.Format(backoff)));
        queue.AddAfter(key, backoff);
    }

    /// <summary>
    /// NT-BUG-007: the reconciles triggered by status writes must not retry before the backoff has elapsed. After a controller
    /// restart the schedule is rebuilt from the last failed attempt and the nominal backoff.
    /// </summary>
    private TimeSpan? RetryWait(NotificationKey key, NotificationStatus status, RetryPolicy policy)
    {
        var lastFailed = status.DeliveryAttempts.LastOrDefault(a => !a.Succeeded);
        if (lastFailed is null)
        {
            return null;
        }
        var notBefore = _retryNotBefore.TryGetValue(key, out var scheduled) ? scheduled : lastFailed.Timestamp + RetryBackoff.Nominal(policy, lastFailed.Attempt);
        var wait = notBefore - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    private JsonObject? WriteStatus(NotificationKey key, NotificationStatus status)
    {
        try
        {
            var written = store.Mutate(ResourceKinds.NotificationRequest, key.Namespace, key.Name, o => o["status"] = status.ToJson(), subresource: "status");
            metrics.TrackPhase(key.ToString(), status.Phase);
            return written;
        }
        catch (ApiException ex) when (ex.Code == HttpStatusCode.NotFound)
        {
            Forget(key);
            return null;
        }
    }

    private void Record(JsonObject obj, string type, string reason, string message)
    {
        try
        {
            events.Record(obj, type, reason, message, NotificationNames.Controller);
        }
        catch (ApiException ex)
        {
            log.Error("Failed to record event", ex.Message, ("reason", reason));
        }
    }

    private void Forget(NotificationKey key)
    {
        log.Info("NotificationRequest not found, likely deleted", ("notification", key.ToString()));
        audit.Forget(key);
        _retryNotBefore.TryRemove(key, out _);
        metrics.TrackPhase(key.ToString(), null);
    }
}
