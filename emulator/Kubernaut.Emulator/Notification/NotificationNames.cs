using Kubernaut.Emulator.Kubernetes.Workloads;

namespace Kubernaut.Emulator.Notification;

/// <summary>Names Kubernaut's Notification deployment uses, shared by the controller, its audit and its tests.</summary>
public static class NotificationNames
{
    /// <summary>Deployment, ServiceAccount and audit actor_id of the controller.</summary>
    public const string Controller = KubernautFootprint.NotificationControllerDeployment;

    /// <summary>Deployment and ServiceAccount of the auth webhook that attributes NotificationRequest deletions.</summary>
    public const string AuthWebhook = "authwebhook";

    public const string CredentialsSecret = "delivery-credentials";

    public const string ControllerConfigMap = "notification-controller-config";

    public const string DataStorageClientRole = KubernautFootprint.DataStorageClientClusterRole;

    public const string AuditCategory = "notification";

    public const string EventSent = "notification.message.sent";
    public const string EventFailed = "notification.message.failed";
    public const string EventAcknowledged = "notification.message.acknowledged";
    public const string EventEscalated = "notification.message.escalated";
    public const string EventCancelled = "webhook.notification.cancelled";

    /// <summary>The routing attribute E2E tests select receivers with (spec.extensions["test-channel-set"]).</summary>
    public const string TestChannelSet = "test-channel-set";
}
