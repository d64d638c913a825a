namespace Kubernaut.Emulator.Kubernetes;

/// <summary>A resource type the emulated API server serves: enough to build discovery documents, URLs and tables.</summary>
public sealed record ResourceKind(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    bool HasStatusSubresource = false)
{
    public string Singular => Kind.ToLowerInvariant();

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>plural.group, e.g. notificationrequests.kubernaut.ai, or just the plural for the core group.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public override string ToString() => QualifiedName;
}
