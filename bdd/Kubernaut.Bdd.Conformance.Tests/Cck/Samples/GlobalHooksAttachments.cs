using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.GlobalHooksAttachments;

/// <summary>Port of global-hooks-attachments.ts.</summary>
[Binding, CckSample("global-hooks-attachments")]
public sealed class GlobalHooksAttachmentsSteps
{
    [BeforeTestRun]
    public static void AttachBeforeAll(IReqnrollOutputHelper output) => output.AddAttachment("Attachment from BeforeAll hook", "text/plain");

    [When("a step passes")]
    public void AStepPasses()
    {
    }

    [AfterTestRun]
    public static void AttachAfterAll(IReqnrollOutputHelper output) => output.AddAttachment("Attachment from AfterAll hook", "text/plain");
}
