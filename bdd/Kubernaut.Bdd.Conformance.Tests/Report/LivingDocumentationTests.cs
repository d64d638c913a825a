using Kubernaut.Bdd.Conformance.Tests.Report.Bindings;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Reporting;
using Kubernaut.Bdd.Runner;

namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>
/// The living documentation end to end: a run's NDJSON rendered by <see cref="NodeHtmlReportRenderer"/> with the
/// official html-formatter, then opened in headless Chromium, where the feature, its scenarios, the failed step's
/// error and the evidence attached to it must be visible. The screenshot is kept as a test artifact.
/// </summary>
public sealed class LivingDocumentationTests(ITestOutputHelper output)
{
    private const string FeatureName = "Notification delivery";
    private const string PassingScenario = "A delivery to a healthy receiver is recorded";
    private const string FailingScenario = "A delivery to a failing receiver keeps its evidence";

    private const string Feature = $"""
        Feature: {FeatureName}
          Every delivery is recorded in the audit trail.

          Scenario: {PassingScenario}
            Given a notification for "alice"
            When it is delivered
            Then the audit trail holds 1 delivery

          Scenario: {FailingScenario}
            Given a notification for "bob"
            When it is delivered to a failing receiver
            Then the audit trail holds 1 delivery
        """;

    [Fact]
    public async Task The_rendered_report_shows_features_scenarios_the_failed_step_and_its_evidence_in_Chromium()
    {
        var node = ReportToolchain.RequireNode();
        var tools = ReportToolchain.RequireInstalledTools();
        var chromium = ReportToolchain.RequireChromium();
        var folder = ReportToolchain.ArtifactsFolder("living-documentation");
        var (ndjson, html, screenshot) = (Path.Combine(folder, "report.ndjson"), Path.Combine(folder, "report.html"), Path.Combine(folder, "report.png"));

        await RenderAsync(new NodeHtmlReportRenderer(tools, "", node, NodeHtmlReportRenderer.DefaultTimeout, folder), ndjson, html);
        string[] expected =
        [
            FeatureName, PassingScenario, FailingScenario, LivingDocumentationSteps.FailureText,
            LivingDocumentationSteps.LogLineFor("bob"), LivingDocumentationSteps.AttachmentText,
        ];
        var (check, summary) = await ReportToolchain.RunScriptAsync(node, tools, tools.CheckReportScript, [html, chromium, screenshot, .. expected]);
        output.WriteLine($"Report: {html}");
        output.WriteLine($"Screenshot: {screenshot}");

        var missing = summary["missing"]!.AsArray().Select(text => text!.GetValue<string>()).ToList();
        Assert.True(missing.Count == 0 && check.Succeeded, $"Chromium does not show {string.Join(", ", missing.Select(m => $"\"{m}\""))} in {html} (screenshot {screenshot}; {check.CommandLine} exited {check.ExitCode}: {check.LastErrorLine})");
        Assert.True(new FileInfo(screenshot).Length > 0, $"The screenshot {screenshot} is empty.");
    }

    [Fact]
    public async Task Rendering_writes_the_report_and_says_where_it_is()
    {
        var node = ReportToolchain.RequireNode();
        var tools = ReportToolchain.RequireInstalledTools();
        var folder = ReportToolchain.ArtifactsFolder("living-documentation-render");
        var (ndjson, html) = (Path.Combine(folder, "report.ndjson"), Path.Combine(folder, "reports", "living.html"));
        if (File.Exists(html))
        {
            File.Delete(html);
        }

        var outcome = await RenderAsync(new NodeHtmlReportRenderer(tools, "", node, NodeHtmlReportRenderer.DefaultTimeout, folder), ndjson, html);

        Assert.Equal("HTML report: reports/living.html", outcome.Summary);
        var report = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.Contains(FailingScenario, report, StringComparison.Ordinal);
    }

    /// <summary>Runs the feature, writes its NDJSON and renders it; the scenarios must end as written (one passes, one fails).</summary>
    private static async Task<HtmlRenderOutcome> RenderAsync(NodeHtmlReportRenderer renderer, string ndjson, string html)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var run = await BddRunner.RunAsync(new BddRunOptions
        {
            Features = [new FeatureSource("features/notification/delivery.feature", Feature)],
            BindingTypes = [typeof(LivingDocumentationSteps)],
        }, cancellation);
        Assert.Equal([TestStepResultStatus.PASSED, TestStepResultStatus.FAILED], run.Scenarios.Select(s => s.Status));

        await NdjsonWriter.WriteAsync(run.Envelopes, ndjson, cancellation);
        var outcome = await renderer.RenderAsync(ndjson, html, cancellation);
        Assert.True(outcome.Success, outcome.Summary);
        return outcome;
    }
}
