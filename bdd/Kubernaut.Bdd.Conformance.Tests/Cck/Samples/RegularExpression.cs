using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.RegularExpression;

/// <summary>Port of regular-expression.ts: optional groups that do not take part in the match pass null.</summary>
[Binding, CckSample("regular-expression")]
public sealed class RegularExpressionSteps
{
    [Given(@"^a (.*?)(?: and a (.*?))?(?: and a (.*?))?$")]
    public void Vegetables(string vegetable1, string? vegetable2, string? vegetable3)
    {
    }
}
