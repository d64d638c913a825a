namespace Kubernaut.Kubernetes.Client.Models;

/// <summary>authentication.k8s.io/v1 TokenRequest, the body of <c>POST .../serviceaccounts/{name}/token</c>.</summary>
public sealed class TokenRequest : KubernetesModel
{
    public string ApiVersion { get; set; } = "authentication.k8s.io/v1";

    public string Kind { get; set; } = "TokenRequest";

    public ObjectMeta? Metadata { get; set; }

    public TokenRequestSpec Spec { get; set; } = new();

    public TokenRequestStatus? Status { get; set; }

    public override string ToString() => $"TokenRequest for {Metadata} (token not shown)";
}

public sealed class TokenRequestSpec : KubernetesModel
{
    public List<string>? Audiences { get; set; }

    public long? ExpirationSeconds { get; set; }
}

public sealed class TokenRequestStatus : KubernetesModel
{
    public string Token { get; set; } = "";

    public DateTimeOffset ExpirationTimestamp { get; set; }

    public override string ToString() => $"token expiring {ExpirationTimestamp:O} (not shown)";
}

/// <summary>A ServiceAccount token issued by the TokenRequest API. <see cref="ToString"/> never shows the token.</summary>
public sealed record ServiceAccountToken(string Namespace, string ServiceAccount, string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"token for ServiceAccount {Namespace}/{ServiceAccount}, expires {ExpiresAt:O} (not shown)";
}

/// <summary>The API server's <c>/version</c>.</summary>
public sealed class VersionInfo : KubernetesModel
{
    public string? Major { get; set; }

    public string? Minor { get; set; }

    public string? GitVersion { get; set; }

    public string? GitCommit { get; set; }

    public string? BuildDate { get; set; }

    public string? GoVersion { get; set; }

    public string? Platform { get; set; }

    public override string ToString() => GitVersion ?? $"{Major}.{Minor}";
}
