using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// What the API server does with a NotificationRequest because of its CRD (kubernaut.ai_notificationrequests.yaml),
/// written out by hand: prune undeclared fields and nulls, apply the schema defaults (priority Medium, retentionDays 7,
/// and the four retryPolicy defaults when a retryPolicy object is given), validate types, required fields, enums,
/// lengths and ranges with the server's messages, and refuse any spec change after creation (CEL self == oldSelf).
/// Status writes are checked against the status schema (phase and attempt-status enums, required attempt fields).
/// Note: the CRD does not require spec itself, and actionLinks[].service is a free string in the CRD (no enum).
/// </summary>
public sealed class NotificationRequestAdmission : IAdmissionPlugin
{
    public const string ImmutableSpecMessage = "spec is immutable after creation (DD-NOT-005)";

    public static readonly IReadOnlyList<string> Types = ["Escalation", "Simple", "StatusUpdate", "Approval", "ManualReview", "Completion"];
    public static readonly IReadOnlyList<string> Priorities = ["Critical", "High", "Medium", "Low"];
    public static readonly IReadOnlyList<string> ReviewSources = ["AIAnalysis", "WorkflowExecution", "RoutingEngine"];
    public static readonly IReadOnlyList<string> Phases = ["Pending", "Sending", "Retrying", "Sent", "PartiallySent", "Failed"];
    public static readonly IReadOnlyList<string> AttemptStatuses = ["success", "failed", "timeout", "invalid"];
    public static readonly IReadOnlyList<string> ConditionStatuses = ["True", "False", "Unknown"];

    // metav1.Condition's patterns, as the CRD carries them.
    private const string ConditionReasonPattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";
    private const string ConditionTypePattern = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";

    /// <summary>Every field the CRD declares; everything else is pruned.</summary>
    public static readonly KnownFields Fields = KnownFields.Object(
        ("apiVersion", KnownFields.Scalar),
        ("kind", KnownFields.Scalar),
        ("metadata", KnownFields.Anything),
        ("spec", KnownFields.Object(
            ("actionLinks", KnownFields.ArrayOf(KnownFields.ObjectOfScalars("label", "service", "url"))),
            ("body", KnownFields.Scalar),
            ("clusterID", KnownFields.Scalar),
            ("context", KnownFields.Object(
                ("analysis", KnownFields.ObjectOfScalars("approvalReason", "outcome", "rootCause")),
                ("dedup", KnownFields.ObjectOfScalars("duplicateCount")),
                ("execution", KnownFields.ObjectOfScalars("lastExitCode", "maxRetries", "phaseTimeout", "previousExecution", "retryCount", "timeoutPhase")),
                ("lineage", KnownFields.ObjectOfScalars("aiAnalysis", "remediationRequest")),
                ("review", KnownFields.ObjectOfScalars("alignmentVerdict", "circuitBreakerActivated", "humanReviewReason", "reason", "rootCauseAnalysis", "subReason")),
                ("target", KnownFields.ObjectOfScalars("targetResource")),
                ("verification", KnownFields.ObjectOfScalars("assessed", "degraded", "degradedReason", "outcome", "reason", "summary")),
                ("workflow", KnownFields.ObjectOfScalars("actionType", "confidence", "executionEngine", "selectedWorkflow", "workflowId", "workflowName")))),
            ("extensions", KnownFields.MapOf(KnownFields.Scalar)),
            ("phase", KnownFields.Scalar),
            ("priority", KnownFields.Scalar),
            ("remediationRequestRef", KnownFields.ObjectOfScalars("apiVersion", "fieldPath", "kind", "name", "namespace", "resourceVersion", "uid")),
            ("retentionDays", KnownFields.Scalar),
            ("retryPolicy", KnownFields.ObjectOfScalars("backoffMultiplier", "initialBackoffSeconds", "maxAttempts", "maxBackoffSeconds")),
            ("reviewSource", KnownFields.Scalar),
            ("severity", KnownFields.Scalar),
            ("subject", KnownFields.Scalar),
            ("type", KnownFields.Scalar))),
        ("status", KnownFields.Object(
            ("completionTime", KnownFields.Scalar),
            ("conditions", KnownFields.ArrayOf(KnownFields.ObjectOfScalars("lastTransitionTime", "message", "observedGeneration", "reason", "status", "type"))),
            ("deliveryAttempts", KnownFields.ArrayOf(KnownFields.ObjectOfScalars("attempt", "channel", "durationSeconds", "error", "status", "timestamp"))),
            ("failedDeliveries", KnownFields.Scalar),
            ("message", KnownFields.Scalar),
            ("observedGeneration", KnownFields.Scalar),
            ("phase", KnownFields.Scalar),
            ("processingStartedAt", KnownFields.Scalar),
            ("queuedAt", KnownFields.Scalar),
            ("reason", KnownFields.Scalar),
            ("successfulDeliveries", KnownFields.Scalar),
            ("totalAttempts", KnownFields.Scalar))));

    public bool Handles(ResourceKind kind) => kind == ResourceKinds.NotificationRequest;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Object is not { } notification)
        {
            return;
        }
        Fields.Prune(notification);
        var checks = new SchemaChecks(new FieldErrors());
        if (request.Subresource == "status")
        {
            ValidateStatus(notification, checks);
        }
        else
        {
            if (notification["spec"] is JsonObject spec)
            {
                ApplyDefaults(spec);
            }
            ValidateSpec(notification, checks);
            if (request.Operation == AdmissionOperation.Update
                && notification["spec"] is JsonObject newSpec && request.OldObject?["spec"] is JsonObject oldSpec
                && !JsonNode.DeepEquals(newSpec, oldSpec))
            {
                checks.Errors.Invalid("spec", newSpec, ImmutableSpecMessage);
            }
        }
        checks.Errors.ThrowIfAny(request.Kind, ObjectMeta.Name(notification));
    }

    private static void ApplyDefaults(JsonObject spec)
    {
        spec.TryAdd("priority", "Medium");
        spec.TryAdd("retentionDays", 7);
        if (spec["retryPolicy"] is JsonObject retry)
        {
            retry.TryAdd("backoffMultiplier", 2);
            retry.TryAdd("initialBackoffSeconds", 30);
            retry.TryAdd("maxAttempts", 5);
            retry.TryAdd("maxBackoffSeconds", 480);
        }
    }

    private static void ValidateSpec(JsonObject notification, SchemaChecks checks)
    {
        if (checks.Object(notification, "spec", "spec") is not { } spec)
        {
            return;
        }
        checks.String(spec, "type", "spec.type", required: true, allowed: Types);
        checks.String(spec, "priority", "spec.priority", required: true, allowed: Priorities);
        checks.String(spec, "subject", "spec.subject", required: true, minLength: 1, maxLength: 500);
        checks.String(spec, "body", "spec.body", required: true, minLength: 1);
        checks.String(spec, "clusterID", "spec.clusterID");
        checks.String(spec, "severity", "spec.severity");
        checks.String(spec, "phase", "spec.phase");
        checks.String(spec, "reviewSource", "spec.reviewSource", allowed: ReviewSources);
        checks.StringMap(spec, "extensions", "spec.extensions");
        checks.ObjectOfStrings(spec, "remediationRequestRef", "spec.remediationRequestRef", "apiVersion", "fieldPath", "kind", "name", "namespace", "resourceVersion", "uid");
        checks.Integer(spec, "retentionDays", "spec.retentionDays", minimum: 1, maximum: 90);
        if (checks.Object(spec, "retryPolicy", "spec.retryPolicy") is { } retry)
        {
            checks.Integer(retry, "maxAttempts", "spec.retryPolicy.maxAttempts", minimum: 1, maximum: 10);
            checks.Integer(retry, "initialBackoffSeconds", "spec.retryPolicy.initialBackoffSeconds", minimum: 1, maximum: 300);
            checks.Integer(retry, "backoffMultiplier", "spec.retryPolicy.backoffMultiplier", minimum: 1, maximum: 10);
            checks.Integer(retry, "maxBackoffSeconds", "spec.retryPolicy.maxBackoffSeconds", minimum: 60, maximum: 3600);
        }
        checks.Objects(spec, "actionLinks", "spec.actionLinks", (link, path) =>
        {
            checks.String(link, "label", $"{path}.label", required: true);
            checks.String(link, "service", $"{path}.service", required: true);
            checks.String(link, "url", $"{path}.url", required: true);
        });
        ValidateContext(spec, checks);
    }

    private static void ValidateContext(JsonObject spec, SchemaChecks checks)
    {
        if (checks.Object(spec, "context", "spec.context") is not { } context)
        {
            return;
        }
        const string path = "spec.context";
        checks.ObjectOfStrings(context, "analysis", $"{path}.analysis", "approvalReason", "outcome", "rootCause");
        checks.ObjectOfStrings(context, "dedup", $"{path}.dedup", "duplicateCount");
        checks.ObjectOfStrings(context, "execution", $"{path}.execution", "lastExitCode", "maxRetries", "phaseTimeout", "previousExecution", "retryCount", "timeoutPhase");
        checks.ObjectOfStrings(context, "lineage", $"{path}.lineage", "aiAnalysis", "remediationRequest");
        checks.ObjectOfStrings(context, "target", $"{path}.target", "targetResource");
        checks.ObjectOfStrings(context, "workflow", $"{path}.workflow", "actionType", "confidence", "executionEngine", "selectedWorkflow", "workflowId", "workflowName");
        if (checks.Object(context, "review", $"{path}.review") is { } review)
        {
            checks.Strings(review, $"{path}.review", "alignmentVerdict", "humanReviewReason", "reason", "rootCauseAnalysis", "subReason");
            checks.Boolean(review, "circuitBreakerActivated", $"{path}.review.circuitBreakerActivated");
        }
        if (checks.Object(context, "verification", $"{path}.verification") is { } verification)
        {
            checks.Strings(verification, $"{path}.verification", "degradedReason", "outcome", "reason", "summary");
            checks.Boolean(verification, "assessed", $"{path}.verification.assessed", required: true);
            checks.Boolean(verification, "degraded", $"{path}.verification.degraded");
        }
    }

    private static void ValidateStatus(JsonObject notification, SchemaChecks checks)
    {
        if (checks.Object(notification, "status", "status") is not { } status)
        {
            return;
        }
        checks.String(status, "phase", "status.phase", allowed: Phases);
        checks.String(status, "reason", "status.reason");
        checks.String(status, "message", "status.message");
        checks.DateTime(status, "completionTime", "status.completionTime");
        checks.DateTime(status, "processingStartedAt", "status.processingStartedAt");
        checks.DateTime(status, "queuedAt", "status.queuedAt");
        foreach (var counter in new[] { "failedDeliveries", "observedGeneration", "successfulDeliveries", "totalAttempts" })
        {
            checks.Integer(status, counter, $"status.{counter}");
        }
        checks.Objects(status, "deliveryAttempts", "status.deliveryAttempts", (attempt, path) =>
        {
            checks.Integer(attempt, "attempt", $"{path}.attempt", required: true);
            checks.String(attempt, "channel", $"{path}.channel", required: true);
            checks.String(attempt, "status", $"{path}.status", required: true, allowed: AttemptStatuses);
            checks.DateTime(attempt, "timestamp", $"{path}.timestamp", required: true);
            checks.String(attempt, "error", $"{path}.error");
            checks.Number(attempt, "durationSeconds", $"{path}.durationSeconds");
        });
        checks.Objects(status, "conditions", "status.conditions", (condition, path) =>
        {
            checks.String(condition, "type", $"{path}.type", required: true, maxLength: 316, pattern: ConditionTypePattern);
            checks.String(condition, "status", $"{path}.status", required: true, allowed: ConditionStatuses);
            checks.String(condition, "reason", $"{path}.reason", required: true, minLength: 1, maxLength: 1024, pattern: ConditionReasonPattern);
            checks.String(condition, "message", $"{path}.message", required: true, maxLength: 32768);
            checks.DateTime(condition, "lastTransitionTime", $"{path}.lastTransitionTime", required: true);
            checks.Integer(condition, "observedGeneration", $"{path}.observedGeneration", minimum: 0);
        });
    }
}
