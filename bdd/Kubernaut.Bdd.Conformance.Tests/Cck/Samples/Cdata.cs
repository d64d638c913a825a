using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Cdata;

/// <summary>Port of cdata.ts.</summary>
[Binding, CckSample("cdata")]
public sealed class CdataSteps
{
    [Given("I have {int} <![CDATA[cukes]]> in my belly")]
    public void IHaveCdataCukesInMyBelly(int cukeCount)
    {
    }
}
