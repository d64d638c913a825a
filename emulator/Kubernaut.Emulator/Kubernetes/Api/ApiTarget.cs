namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// What a resource URL addresses: /api/v1/namespaces/{ns}/{plural}[/{name}[/{subresource}]] and the cluster-scoped or
/// all-namespaces forms, with the core group under /api/v1 and the others under /apis/{group}/{version}.
/// An empty <see cref="Namespace"/> means cluster scope (or every namespace, for a list).
/// </summary>
internal sealed record ApiTarget(ResourceKind Kind, string Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;

    /// <summary>The resource as RBAC names it: plural, or plural/subresource.</summary>
    public string RbacResource => Subresource is null ? Kind.Plural : $"{Kind.Plural}/{Subresource}";

    /// <summary>Null when the path is not a resource path of a served kind (the caller answers 404).</summary>
    public static ApiTarget? Parse(string group, string version, IReadOnlyList<string> rest)
    {
        if (rest.Count == 0)
        {
            return null;
        }
        if (rest[0] == "namespaces" && rest.Count >= 3 && rest[2] is not ("status" or "finalize"))
        {
            var kind = ApiResources.Find(group, version, rest[2]);
            if (kind is null || !kind.Namespaced || rest.Count > 5)
            {
                return null;
            }
            return new ApiTarget(kind, rest[1], rest.Count > 3 ? rest[3] : null, rest.Count > 4 ? rest[4] : null);
        }
        var clusterKind = ApiResources.Find(group, version, rest[0]);
        if (clusterKind is null || rest.Count > 3 || (clusterKind.Namespaced && rest.Count > 1))
        {
            return null;
        }
        return new ApiTarget(clusterKind, "", rest.Count > 1 ? rest[1] : null, rest.Count > 2 ? rest[2] : null);
    }
}
