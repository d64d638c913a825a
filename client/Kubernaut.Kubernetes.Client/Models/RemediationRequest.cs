using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>kubernaut.ai/v1alpha1 RemediationRequest: metadata typed, spec and status as JSON.</summary>
public sealed class RemediationRequest : KubernetesResource<RemediationRequest>, IKubernetesResource
{
    public static ResourceType ResourceType => ResourceTypes.RemediationRequest;

    public JsonObject? Spec { get; set; }

    public JsonObject? Status { get; set; }

    /// <summary>status.overallPhase: Pending, Processing, Analyzing ... Completed, Failed, TimedOut, Skipped, Cancelled.</summary>
    [JsonIgnore]
    public string? OverallPhase => Status?["overallPhase"]?.GetValue<string>();
}
