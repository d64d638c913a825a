using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Notification.Audit;

/// <summary>
/// The controller's audit emission with Kubernaut's idempotency (NT-BUG-001): each event key is emitted at most once per
/// NotificationRequest (sent per channel, failed per channel and attempt, acknowledged and escalated once), remembered in
/// memory until the NotificationRequest is deleted. A key is only remembered when the event was buffered.
/// </summary>
internal sealed class NotificationAuditTrail(BufferedAuditWriter writer, TimeProvider time)
{
    private readonly Dictionary<NotificationKey, HashSet<string>> _emitted = new();

    public void Sent(NotificationRequestView request, string channel) =>
        Emit(request, $"message.sent:{channel}", () => NotificationAuditEvents.MessageSent(request, channel, time.GetUtcNow()));

    public void Failed(NotificationRequestView request, string channel, int attempt, string error) =>
        Emit(request, $"message.failed:{channel}:attempt{attempt}", () => NotificationAuditEvents.MessageFailed(request, channel, error, time.GetUtcNow()));

    public void Acknowledged(NotificationRequestView request) =>
        Emit(request, "message.acknowledged", () => NotificationAuditEvents.MessageAcknowledged(request, time.GetUtcNow()));

    public void Escalated(NotificationRequestView request) =>
        Emit(request, "message.escalated", () => NotificationAuditEvents.MessageEscalated(request, time.GetUtcNow()));

    public void Forget(NotificationKey key)
    {
        lock (_emitted)
        {
            _emitted.Remove(key);
        }
    }

    private void Emit(NotificationRequestView request, string eventKey, Func<System.Text.Json.Nodes.JsonObject> build)
    {
        lock (_emitted)
        {
            if (_emitted.TryGetValue(request.Key, out var keys) && keys.Contains(eventKey))
            {
                return;
            }
            if (!writer.TryWrite(build()))
            {
                return;
            }
            if (keys is null)
            {
                _emitted[request.Key] = keys = new HashSet<string>(StringComparer.Ordinal);
            }
            keys.Add(eventKey);
        }
    }
}
