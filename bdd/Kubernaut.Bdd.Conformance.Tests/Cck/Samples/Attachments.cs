using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.Attachments;

/// <summary>Port of attachments.ts: attach(text) is a text attachment, attach(bytes or stream) a base64 one, log a log line, link a link.</summary>
[Binding, CckSample("attachments")]
public sealed class AttachmentsSteps(IReqnrollOutputHelper output)
{
    [When("the string {string} is attached as {string}")]
    public void TheStringIsAttachedAs(string text, string mediaType) => output.AddAttachment(text, mediaType);

    [When("the string {string} is logged")]
    public void TheStringIsLogged(string text) => output.WriteLine(text);

    [When("text with ANSI escapes is logged")]
    public void TextWithAnsiEscapesIsLogged() =>
        output.WriteLine("This displays a \u001b[31mr\u001b[0m\u001b[91ma\u001b[0m\u001b[33mi\u001b[0m\u001b[32mn\u001b[0m\u001b[34mb\u001b[0m\u001b[95mo\u001b[0m\u001b[35mw\u001b[0m");

    [When("the following string is attached as {string}:")]
    public void TheFollowingStringIsAttachedAs(string mediaType, string text) => output.AddAttachment(text, mediaType);

    [When("an array with {int} bytes is attached as {string}")]
    public void AnArrayWithBytesIsAttachedAs(int size, string mediaType) =>
        output.AddAttachment(Enumerable.Range(0, size).Select(i => (byte)i).ToArray(), mediaType);

    [When("a PDF document is attached and renamed")]
    public async Task APdfDocumentIsAttachedAndRenamed() =>
        output.AddAttachment(await File.ReadAllBytesAsync(CckCatalogue.SampleFile("attachments", "document.pdf")), "application/pdf", "renamed.pdf");

    [When("a link to {string} is attached")]
    public void ALinkToIsAttached(string uri) => output.AddLink(uri);

    [When("the string {string} is attached as {string} before a failure")]
    public void TheStringIsAttachedAsBeforeAFailure(string text, string mediaType)
    {
        output.AddAttachment(text, mediaType);
        throw new Exception("whoops");
    }
}
