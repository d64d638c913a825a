using Kubernaut.Bdd.Execution;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Steps;

[Binding]
public sealed class AttachmentSteps(IReqnrollOutputHelper output, ScenarioContext scenario)
{
    [When("the step logs {string}")]
    public void WhenTheStepLogs(string line) => output.WriteLine(line);

    [When("the step attaches the text {string} as {string} named {string}")]
    public void WhenTheStepAttachesText(string text, string mediaType, string fileName) => output.AddAttachment(text, mediaType, fileName);

    [When("the step attaches {int} bytes as {string}")]
    public void WhenTheStepAttachesBytes(int count, string mediaType) => output.AddAttachment(Enumerable.Range(0, count).Select(i => (byte)i).ToArray(), mediaType);

    [When("the step attaches a link to {string}")]
    public void WhenTheStepAttachesALink(string url) => output.AddLink(url);

    [Then("the scenario output shows {string}, {string} and {string}")]
    public void ThenTheScenarioOutputShows(string line, string fileName, string url)
    {
        // The runtime's own output channel (internal): what the test output received so far.
        var captured = ((OutputChannel)output).Captured;
        captured.Should().Contain(line).And.Contain(fileName).And.Contain(url);
    }

    [When("an asynchronous step stores {string} after yielding")]
    public async Task WhenAnAsynchronousStepStores(string value)
    {
        await Task.Yield();
        scenario.Set(value, "async result");
    }

    [Then("the next step sees {string}")]
    public void ThenTheNextStepSees(string value) => scenario.Get<string>("async result").Should().Be(value);
}
