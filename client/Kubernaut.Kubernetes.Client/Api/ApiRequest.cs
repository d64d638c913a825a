namespace Kubernaut.Kubernetes.Client;

/// <summary>One REST call and what it means (verb, resource, name), so an error can say what was attempted.</summary>
internal sealed record ApiRequest(HttpMethod Method, string Path, string Verb)
{
    public ResourceType? Resource { get; init; }

    public string? Subresource { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public byte[]? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public string Accept { get; init; } = "application/json";

    /// <summary>Watch and follow: the request timeout covers only the response headers.</summary>
    public bool Streaming { get; init; }

    /// <summary>"pods", "pods/log", "notificationrequests.kubernaut.ai/status" or the path for non-resource calls.</summary>
    public string ResourceDescription =>
        Resource is null ? Path : Subresource is null ? Resource.ToString() : $"{Resource.Plural}/{Subresource}{(Resource.Group.Length == 0 ? "" : "." + Resource.Group)}";

    public static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters.Where(parameter => !string.IsNullOrEmpty(parameter.Value))
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
