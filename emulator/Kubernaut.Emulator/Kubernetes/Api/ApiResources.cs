namespace Kubernaut.Emulator.Kubernetes.Api;

/// <summary>
/// Everything the API server serves, as discovery lists it: the stored kinds (<see cref="ResourceKinds.All"/>), their
/// subresources, and the create-only review resources (TokenReview, SubjectAccessReview, ...) that are answered, not stored.
/// </summary>
internal static class ApiResources
{
    public static readonly ResourceKind TokenReview = new("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", false, []);
    public static readonly ResourceKind SelfSubjectReview = new("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", false, []);
    public static readonly ResourceKind SubjectAccessReview = new("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, []);
    public static readonly ResourceKind SelfSubjectAccessReview = new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, []);

    /// <summary>Create-only resources whose POST is answered on the spot.</summary>
    public static readonly IReadOnlyList<ResourceKind> Reviews = [TokenReview, SelfSubjectReview, SubjectAccessReview, SelfSubjectAccessReview];

    public static readonly IReadOnlyList<string> ReadWriteVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Subresource name → (kind reported in discovery, verbs).</summary>
    public static IReadOnlyList<(string Name, string Kind, string? Group, string? Version, IReadOnlyList<string> Verbs)> Subresources(ResourceKind kind)
    {
        var result = new List<(string, string, string?, string?, IReadOnlyList<string>)>();
        if (kind.HasStatusSubresource)
        {
            result.Add(("status", kind.Kind, null, null, ["get", "patch", "update"]));
        }
        if (kind == ResourceKinds.Pod)
        {
            result.Add(("log", "Pod", null, null, ["get"]));
        }
        if (kind == ResourceKinds.ServiceAccount)
        {
            result.Add(("token", "TokenRequest", "authentication.k8s.io", "v1", ["create"]));
        }
        if (kind == ResourceKinds.Deployment)
        {
            result.Add(("scale", "Scale", "autoscaling", "v1", ["get", "patch", "update"]));
        }
        return result;
    }

    /// <summary>kubectl's "all" category (kubectl get all).</summary>
    public static IReadOnlyList<string> Categories(ResourceKind kind) =>
        kind == ResourceKinds.Pod || kind == ResourceKinds.Service || kind == ResourceKinds.Deployment ? ["all"] : [];

    public static IEnumerable<ResourceKind> Served => ResourceKinds.All.Concat(Reviews);

    /// <summary>Group → versions, in the order discovery lists them (core group excluded).</summary>
    public static IReadOnlyList<(string Group, string Version)> GroupVersions =>
        Served.Where(k => k.Group.Length > 0).Select(k => (k.Group, k.Version)).Distinct().ToList();

    public static IEnumerable<ResourceKind> InGroupVersion(string group, string version) =>
        Served.Where(k => k.Group == group && k.Version == version);

    public static ResourceKind? Find(string group, string version, string plural) =>
        Served.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);

    public static bool IsReview(ResourceKind kind) => Reviews.Contains(kind);
}
