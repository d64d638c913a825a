using System.Text.Json.Serialization;

namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>metav1.Status: what the API server returns for errors (and for some deletes).</summary>
public sealed class Status : KubernetesModel
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ListMeta? Metadata { get; set; }

    /// <summary>The JSON field "status": "Success" or "Failure" (a member cannot share its class's name).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    public string? Message { get; set; }

    /// <summary>Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Unauthorized, Expired ...</summary>
    public string? Reason { get; set; }

    public StatusDetails? Details { get; set; }

    public int? Code { get; set; }
}

public sealed class StatusDetails : KubernetesModel
{
    public string? Name { get; set; }

    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Uid { get; set; }

    public List<StatusCause>? Causes { get; set; }

    public int? RetryAfterSeconds { get; set; }
}

public sealed class StatusCause : KubernetesModel
{
    public string? Reason { get; set; }

    public string? Message { get; set; }

    public string? Field { get; set; }
}
