namespace Kubernaut.Bdd.Conformance.Tests.Cck;

/// <summary>
/// Marks a binding class as the C# port of the step definitions of one Compatibility Kit sample, or of several
/// samples whose step definition files are identical. A sample runs with exactly the classes marked with its name,
/// so samples never share bindings they do not share upstream.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CckSampleAttribute(params string[] samples) : Attribute
{
    /// <summary>The samples' folder names, e.g. "hooks-conditional".</summary>
    public IReadOnlyList<string> Samples { get; } = samples;
}
