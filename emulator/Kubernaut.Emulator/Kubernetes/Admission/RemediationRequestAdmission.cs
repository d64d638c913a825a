using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>
/// Light validation of RemediationRequest (FACTS §1.2): the eight required spec fields, the targetType enum, the
/// targetResource kind/name, the signalFingerprint format, and spec immutability (ADR-001). Other fields are stored as
/// given (no pruning, no further checks): nothing in the emulator reconciles RemediationRequests.
/// </summary>
public sealed class RemediationRequestAdmission : IAdmissionPlugin
{
    public const string ImmutableSpecMessage = "spec is immutable after creation (ADR-001)";

    public static readonly IReadOnlyList<string> TargetTypes = ["kubernetes", "aws", "azure", "gcp", "datadog"];

    public bool Handles(ResourceKind kind) => kind == ResourceKinds.RemediationRequest;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Subresource == "status" || request.Object is not { } remediation)
        {
            return;
        }
        var checks = new SchemaChecks(new FieldErrors());
        if (checks.Object(remediation, "spec", "spec") is { } spec)
        {
            checks.DateTime(spec, "firingTime", "spec.firingTime", required: true);
            checks.DateTime(spec, "receivedTime", "spec.receivedTime", required: true);
            checks.String(spec, "severity", "spec.severity", required: true, minLength: 1, maxLength: 50);
            checks.String(spec, "signalFingerprint", "spec.signalFingerprint", required: true, maxLength: 64, pattern: "^[a-f0-9]{64}$");
            checks.String(spec, "signalName", "spec.signalName", required: true, maxLength: 253);
            checks.String(spec, "signalType", "spec.signalType", required: true);
            checks.String(spec, "targetType", "spec.targetType", required: true, allowed: TargetTypes);
            if (checks.Object(spec, "targetResource", "spec.targetResource", required: true) is { } target)
            {
                checks.String(target, "kind", "spec.targetResource.kind", required: true);
                checks.String(target, "name", "spec.targetResource.name", required: true);
                checks.Strings(target, "spec.targetResource", "apiVersion", "namespace");
            }
            if (request.Operation == AdmissionOperation.Update && request.OldObject?["spec"] is JsonObject oldSpec && !JsonNode.DeepEquals(spec, oldSpec))
            {
                checks.Errors.Invalid("spec", spec, ImmutableSpecMessage);
            }
        }
        checks.Errors.ThrowIfAny(request.Kind, ObjectMeta.Name(remediation));
    }
}
