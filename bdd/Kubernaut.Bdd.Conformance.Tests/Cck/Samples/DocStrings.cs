using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.DocStrings;

/// <summary>Port of doc-strings.ts.</summary>
[Binding, CckSample("doc-strings")]
public sealed class DocStringsSteps
{
    [Given("a doc string:")]
    public void ADocString(string docString)
    {
    }
}
