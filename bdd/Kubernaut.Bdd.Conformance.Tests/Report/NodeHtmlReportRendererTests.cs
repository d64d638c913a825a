using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>
/// The renderer's outcome line for every way rendering can be impossible or fail: one line, the cause, and the
/// command that renders the (already written) NDJSON once the cause is fixed.
/// </summary>
public sealed class NodeHtmlReportRendererTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubernaut-bdd-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Without_node_one_line_says_how_to_render_the_messages()
    {
        var tools = ToolsWithoutPackages();
        var renderer = new NodeHtmlReportRenderer(tools, "", node: null, NodeHtmlReportRenderer.DefaultTimeout, _folder);

        var outcome = await renderer.RenderAsync("/run/report.ndjson", "/run/report.html", TestContext.Current.CancellationToken);

        Assert.False(outcome.Success);
        Assert.DoesNotContain('\n', outcome.Summary);
        Assert.Equal(
            $"HTML report not rendered: node is not on PATH. Install Node.js 20 or later, run `npm ci` in {tools.Folder}, then render the messages: node \"{tools.RenderHtmlScript}\" \"/run/report.ndjson\" \"/run/report.html\"",
            outcome.Summary);
    }

    [Fact]
    public async Task Without_the_npm_packages_the_outcome_names_npm_ci()
    {
        var tools = ToolsWithoutPackages();
        var renderer = new NodeHtmlReportRenderer(tools, "", node: "/opt/node/bin/node", NodeHtmlReportRenderer.DefaultTimeout, _folder);

        var outcome = await renderer.RenderAsync("/run/report.ndjson", "/run/report.html", TestContext.Current.CancellationToken);

        Assert.False(outcome.Success);
        Assert.Contains($"the npm packages of {tools.Folder} are not installed", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains($"Run `cd \"{tools.Folder}\" && npm ci`", outcome.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_tooling_folder_the_outcome_says_how_to_point_to_it()
    {
        var tools = ReportTools.Locate(typeof(object).Assembly, _ => null, out var whyMissing);
        var renderer = new NodeHtmlReportRenderer(tools, whyMissing, node: "/opt/node/bin/node", NodeHtmlReportRenderer.DefaultTimeout, _folder);

        var outcome = await renderer.RenderAsync("/run/report.ndjson", "/run/report.html", TestContext.Current.CancellationToken);

        Assert.False(outcome.Success);
        Assert.Contains("import bdd/report/Kubernaut.Bdd.Report.targets", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains(ReportTools.EnvironmentVariable, outcome.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_render_reports_the_scripts_reason_and_the_command_to_rerun()
    {
        var node = ReportToolchain.RequireNode();
        var tools = ReportToolchain.RequireInstalledTools();
        var ndjson = Path.Combine(_folder, "broken.ndjson");
        await File.WriteAllTextAsync(ndjson, "this is not an envelope\n", TestContext.Current.CancellationToken);
        var renderer = new NodeHtmlReportRenderer(tools, "", node, NodeHtmlReportRenderer.DefaultTimeout, _folder);

        var outcome = await renderer.RenderAsync(ndjson, Path.Combine(_folder, "report.html"), TestContext.Current.CancellationToken);

        Assert.False(outcome.Success);
        Assert.StartsWith("HTML report not rendered: render-html.mjs failed (exit 1): ", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains($"{ndjson}:1: not a JSON envelope", outcome.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "report.html")), "A failed render must not leave a report behind.");
    }

    [Fact]
    public void The_test_assembly_records_the_tooling_folder_of_this_repository()
    {
        var tools = ReportTools.Locate(typeof(NodeHtmlReportRendererTests).Assembly, _ => null, out var whyMissing);

        Assert.True(tools is not null, whyMissing);
        Assert.Equal("report", Path.GetFileName(tools.Folder));
        Assert.True(File.Exists(tools.RenderHtmlScript), $"{tools.RenderHtmlScript} does not exist.");
    }

    [Fact]
    public void The_environment_variable_overrides_the_recorded_folder()
    {
        var tools = ToolsWithoutPackages();

        Assert.Equal(_folder, tools.Folder);
        Assert.False(tools.IsInstalled);
    }

    [Fact]
    public void An_environment_variable_pointing_elsewhere_is_reported_with_the_fix()
    {
        var tools = ReportTools.Locate(typeof(NodeHtmlReportRendererTests).Assembly, Environment(Path.Combine(_folder, "elsewhere")), out var whyMissing);

        Assert.Null(tools);
        Assert.Equal($"{ReportTools.EnvironmentVariable} is set to {Path.Combine(_folder, "elsewhere")}, but it holds no render-html.mjs: set {ReportTools.EnvironmentVariable} to the bdd/report folder of this repository", whyMissing);
    }

    /// <summary>A tooling folder with the scripts but no node_modules, found through the environment variable.</summary>
    private ReportTools ToolsWithoutPackages()
    {
        File.WriteAllText(Path.Combine(_folder, "render-html.mjs"), "");
        var tools = ReportTools.Locate(typeof(NodeHtmlReportRendererTests).Assembly, Environment(_folder), out var whyMissing);
        Assert.True(tools is not null, whyMissing);
        return tools;
    }

    private static Func<string, string?> Environment(string toolsFolder) => name => name == ReportTools.EnvironmentVariable ? toolsFolder : null;
}
