using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>
/// kubernaut.ai/v1alpha1 NotificationRequest (FACTS.md section 1.3). The spec is immutable after creation; channels
/// come from the controller's routing configuration, selected through <see cref="NotificationRequestSpec.Extensions"/>.
/// </summary>
public sealed class NotificationRequest : KubernetesResource<NotificationRequest>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.NotificationRequest;

    public NotificationRequestSpec Spec { get; set; } = new();

    public NotificationRequestStatus? Status { get; set; }
}

public sealed class NotificationRequestSpec : KubernetesModel
{
    /// <summary>Its name becomes the audit correlation_id; without it the controller uses the object's UID.</summary>
    public ObjectReference? RemediationRequestRef { get; set; }

    [JsonPropertyName("clusterID")]
    public string? ClusterId { get; set; }

    /// <summary>One of <see cref="NotificationTypes"/>.</summary>
    public string Type { get; set; } = NotificationTypes.Simple;

    /// <summary>One of <see cref="NotificationPriorities"/>.</summary>
    public string Priority { get; set; } = NotificationPriorities.Medium;

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public string? Severity { get; set; }

    public string? Phase { get; set; }

    /// <summary>AIAnalysis, WorkflowExecution or RoutingEngine.</summary>
    public string? ReviewSource { get; set; }

    public NotificationContext? Context { get; set; }

    /// <summary>Routing attributes (e.g. "test-channel-set") that also land in the audit metadata.</summary>
    public Dictionary<string, string>? Extensions { get; set; }

    public List<ActionLink>? ActionLinks { get; set; }

    public RetryPolicy? RetryPolicy { get; set; }

    public int? RetentionDays { get; set; }
}

public static class NotificationTypes
{
    public const string Escalation = "Escalation";
    public const string Simple = "Simple";
    public const string StatusUpdate = "StatusUpdate";
    public const string Approval = "Approval";
    public const string ManualReview = "ManualReview";
    public const string Completion = "Completion";
}

public static class NotificationPriorities
{
    public const string Critical = "Critical";
    public const string High = "High";
    public const string Medium = "Medium";
    public const string Low = "Low";
}

public static class NotificationPhases
{
    public const string Pending = "Pending";
    public const string Sending = "Sending";
    public const string Retrying = "Retrying";
    public const string Sent = "Sent";
    public const string PartiallySent = "PartiallySent";
    public const string Failed = "Failed";

    /// <summary>Phases the controller does not leave.</summary>
    public static bool IsTerminal(string? phase) => phase is Sent or PartiallySent or Failed;
}

/// <summary>Structured context; the CRD types counters and confidences as strings.</summary>
public sealed class NotificationContext : KubernetesModel
{
    public LineageContext? Lineage { get; set; }

    public WorkflowContext? Workflow { get; set; }

    public AnalysisContext? Analysis { get; set; }

    public ReviewContext? Review { get; set; }

    public WorkflowExecutionContext? Execution { get; set; }

    public DedupContext? Dedup { get; set; }

    public TargetContext? Target { get; set; }

    public VerificationContext? Verification { get; set; }
}

public sealed class LineageContext : KubernetesModel
{
    public string? RemediationRequest { get; set; }

    public string? AiAnalysis { get; set; }
}

public sealed class WorkflowContext : KubernetesModel
{
    public string? SelectedWorkflow { get; set; }

    public string? Confidence { get; set; }

    public string? WorkflowId { get; set; }

    public string? WorkflowName { get; set; }

    public string? ActionType { get; set; }

    public string? ExecutionEngine { get; set; }
}

public sealed class AnalysisContext : KubernetesModel
{
    public string? ApprovalReason { get; set; }

    public string? RootCause { get; set; }

    public string? Outcome { get; set; }
}

public sealed class ReviewContext : KubernetesModel
{
    public string? Reason { get; set; }

    public string? SubReason { get; set; }

    public string? HumanReviewReason { get; set; }

    public string? RootCauseAnalysis { get; set; }

    public string? AlignmentVerdict { get; set; }

    public bool? CircuitBreakerActivated { get; set; }
}

public sealed class WorkflowExecutionContext : KubernetesModel
{
    public string? RetryCount { get; set; }

    public string? MaxRetries { get; set; }

    public string? LastExitCode { get; set; }

    public string? PreviousExecution { get; set; }

    public string? TimeoutPhase { get; set; }

    public string? PhaseTimeout { get; set; }
}

public sealed class DedupContext : KubernetesModel
{
    public string? DuplicateCount { get; set; }
}

public sealed class TargetContext : KubernetesModel
{
    public string? TargetResource { get; set; }
}

public sealed class VerificationContext : KubernetesModel
{
    public bool? Assessed { get; set; }

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    public string? Summary { get; set; }

    public bool? Degraded { get; set; }

    public string? DegradedReason { get; set; }
}

public sealed class ActionLink : KubernetesModel
{
    /// <summary>grafana or prometheus.</summary>
    public string? Service { get; set; }

    public string? Url { get; set; }

    public string? Label { get; set; }
}

/// <summary>Omitted fields take the controller defaults 5 attempts, 30 s, x2, 480 s.</summary>
public sealed class RetryPolicy : KubernetesModel
{
    public int? MaxAttempts { get; set; }

    public int? InitialBackoffSeconds { get; set; }

    public int? BackoffMultiplier { get; set; }

    public int? MaxBackoffSeconds { get; set; }
}

public sealed class NotificationRequestStatus : KubernetesModel
{
    /// <summary>One of <see cref="NotificationPhases"/>.</summary>
    public string? Phase { get; set; }

    public List<Condition>? Conditions { get; set; }

    public List<DeliveryAttempt>? DeliveryAttempts { get; set; }

    public int? TotalAttempts { get; set; }

    public int? SuccessfulDeliveries { get; set; }

    public int? FailedDeliveries { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? ProcessingStartedAt { get; set; }

    public DateTimeOffset? CompletionTime { get; set; }

    public long? ObservedGeneration { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}

public sealed class DeliveryAttempt : KubernetesModel
{
    /// <summary>"console", "file", "log", or receiver-qualified like "slack:slack-failure".</summary>
    public string? Channel { get; set; }

    public int Attempt { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>success, failed, timeout or invalid.</summary>
    public string? Status { get; set; }

    public string? Error { get; set; }

    public double? DurationSeconds { get; set; }
}
