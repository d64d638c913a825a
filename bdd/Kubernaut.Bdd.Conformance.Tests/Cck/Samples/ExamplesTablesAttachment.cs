using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.ExamplesTablesAttachment;

/// <summary>Port of examples-tables-attachment.ts: images attached as streams, so without a file name.</summary>
[Binding, CckSample("examples-tables-attachment")]
public sealed class ExamplesTablesAttachmentSteps(IReqnrollOutputHelper output)
{
    [When("a JPEG image is attached")]
    public async Task AJpegImageIsAttached() =>
        output.AddAttachment(await File.ReadAllBytesAsync(CckCatalogue.SampleFile("examples-tables-attachment", "cucumber.jpeg")), "image/jpeg");

    [When("a PNG image is attached")]
    public async Task APngImageIsAttached() =>
        output.AddAttachment(await File.ReadAllBytesAsync(CckCatalogue.SampleFile("examples-tables-attachment", "cucumber.png")), "image/png");
}
