using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Tests.Features.Runtime;
using Kubernaut.Bdd.XunitIntegration;

namespace Kubernaut.Bdd.Tests.Unit.XunitIntegration;

/// <summary>Generated scenario tests as xUnit runs and reports them, and their output helper.</summary>
public class ScenarioTestsTests
{
    /// <summary>
    /// Runs this test assembly's attachments feature in a child process with xUnit's own runner and reads its XML
    /// report: what <c>dotnet test</c>, Test Explorer and CI reports show for a scenario.
    /// </summary>
    [Fact]
    public async Task Xunit_reports_each_scenario_with_its_name_traits_trace_logged_lines_and_attachments()
    {
        var report = Path.Combine(Directory.CreateTempSubdirectory("kubernaut-bdd-").FullName, "results.xml");
        var testAssembly = typeof(AttachmentsFeature).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { testAssembly, "-class", typeof(AttachmentsFeature).FullName!, "-xml", report, "-noLogo", "-noColor" })
        {
            start.ArgumentList.Add(argument);
        }
        // The child writes no message stream or HTML report over the ones of this run.
        start.Environment[ConfigurationLoader.FormattersDisabledVariable] = "true";
        using var child = Process.Start(start)!;
        var console = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        child.ExitCode.Should().Be(0, "the child run passes; its output was:\n{0}\n{1}", await console, await errors);

        var tests = XDocument.Load(report).Descendants("test").ToList();
        tests.Select(t => (string?)t.Attribute("name")).Should().Equal(
            "Logs and attachments: A step logs and attaches evidence", "Logs and attachments: Asynchronous steps are awaited");
        var logging = tests[0];
        logging.Descendants("trait").Select(t => $"{t.Attribute("name")!.Value}={t.Attribute("value")!.Value}").Should()
            .BeEquivalentTo("FeatureTitle=Logs and attachments", "Category=sample");
        logging.Element("output")!.Value.Split('\n').Take(4).Should().Equal(
            "When the step logs \"delivering to slack-ops\"",
            "delivering to slack-ops",
            "-> done: AttachmentSteps.WhenTheStepLogs(\"delivering to slack-ops\")",
            "And the step attaches the text \"status: delivered\" as \"text/plain\" named \"status.txt\"");
        logging.Descendants("attachment").Select(a => (string?)a.Attribute("name")).Should().Equal("status.txt", "attachment-2.bin");
        Directory.Delete(Path.GetDirectoryName(report)!, recursive: true);
    }

    [Fact]
    public void The_output_helper_keeps_every_write_in_order()
    {
        var output = new ScenarioOutputHelper();

        output.Write("Given ");
        output.WriteLine("a receiver");
        output.WriteLine("{0} -> {1}", "slack", 3);
        output.Write("{0}", "end");

        output.Output.Should().Be($"Given a receiver{Environment.NewLine}slack -> 3{Environment.NewLine}end");
    }

    [Theory]
    [InlineData("plain text\twith\r\nwhite space", "plain text\twith\r\nwhite space")]
    [InlineData("nul\0", "nul\\0")]
    [InlineData("bell\u0007 and unit separator\u001f", "bell\\x07 and unit separator\\x1f")]
    [InlineData("\u001b[1;31mred\u001b[0m", "\u001b[1;31mred\u001b[0m")]
    [InlineData("\u001bX not a colour", "\\x1bX not a colour")]
    [InlineData("pair \ud83d\ude80", "pair \ud83d\ude80")]
    [InlineData("non-characters \ufffe\uffff", "non-characters \\xfffe\\xffff")]
    public void The_output_helper_escapes_what_xunit_escapes(string written, string kept)
    {
        var output = new ScenarioOutputHelper();

        output.Write(written);

        output.Output.Should().Be(kept);
    }

    [Fact]
    public void The_output_helper_escapes_an_unpaired_surrogate()
    {
        // Built here: xUnit's theory data would carry it as U+FFFD.
        var output = new ScenarioOutputHelper();

        output.Write("lone " + (char)0xd800 + " high");

        output.Output.Should().Be("lone \\xd800 high");
    }
}
