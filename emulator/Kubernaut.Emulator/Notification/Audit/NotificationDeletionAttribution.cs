using System.Net;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Notification.Audit;

/// <summary>
/// Kubernaut's auth webhook for NotificationRequest DELETE (SOC2 CC8.1 attribution): records who deleted which
/// NotificationRequest as webhook.notification.cancelled, and denies the DELETE when the audit cannot be buffered (ADR-032 §2).
/// In-process deletions that carry no user are attributed to system:admin, the emulator's own identity.
/// </summary>
internal sealed class NotificationDeletionAttribution(BufferedAuditWriter writer, ControllerLog log, TimeProvider time) : IAdmissionPlugin
{
    private static readonly UserInfo InProcessCaller = new("system:admin", ["system:masters", "system:authenticated"]);

    private volatile bool _stopped;

    public bool Handles(ResourceKind kind) => kind.QualifiedName == ResourceKinds.NotificationRequest.QualifiedName;

    public void Admit(AdmissionRequest request)
    {
        if (_stopped || request.Operation != AdmissionOperation.Delete || request.OldObject is null)
        {
            return;
        }
        var notification = NotificationRequestView.Parse(request.OldObject);
        var user = request.User ?? InProcessCaller;
        if (!writer.TryWrite(NotificationAuditEvents.Cancelled(notification, user, time.GetUtcNow())))
        {
            throw new ApiException(HttpStatusCode.Forbidden, "Forbidden",
                $"admission webhook \"notificationrequest.kubernaut.ai\" denied the request: DELETE denied: audit store unavailable (audit buffer full: event dropped (correlation_id={notification.Name}))");
        }
        log.Info("DELETE allowed, attribution recorded", ("notification", notification.Name), ("namespace", notification.Namespace), ("user", user.Username));
    }

    /// <summary>The webhook is gone: deletions proceed unattributed, as with a webhook whose failurePolicy ignores it.</summary>
    public void Stop() => _stopped = true;
}
