using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.HooksAttachment;

/// <summary>Port of hooks-attachment.ts: the hooks attach the sample's SVG as a stream, so without a file name.</summary>
[Binding, CckSample("hooks-attachment")]
public sealed class HooksAttachmentSteps(IReqnrollOutputHelper output)
{
    [BeforeScenario]
    public async Task AttachBefore() => output.AddAttachment(await ReadSvgAsync(), "image/svg+xml");

    [When("a step passes")]
    public void AStepPasses()
    {
    }

    [AfterScenario]
    public async Task AttachAfter() => output.AddAttachment(await ReadSvgAsync(), "image/svg+xml");

    private static Task<byte[]> ReadSvgAsync() => File.ReadAllBytesAsync(CckCatalogue.SampleFile("hooks-attachment", "cucumber.svg"));
}
