using System.Globalization;
using System.Reflection;

namespace Kubernaut.Bdd.Reporting;

/// <summary>
/// Renders the HTML living documentation with the official <c>@cucumber/html-formatter</c>: runs
/// bdd/report/render-html.mjs with the <c>node</c> found on PATH. Never throws for a missing tool: the outcome
/// says what is missing and the command that renders the (already written) NDJSON once it is there.
/// </summary>
public sealed class NodeHtmlReportRenderer : IHtmlReportRenderer
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly ReportTools? _tools;
    private readonly string _whyToolsMissing;
    private readonly string? _node;
    private readonly TimeSpan _timeout;
    private readonly string _baseDirectory;

    /// <param name="tools">The tooling folder, or null when it could not be located.</param>
    /// <param name="whyToolsMissing">Why <paramref name="tools"/> is null, and the fix.</param>
    /// <param name="node">The node executable, or null when it is not on PATH.</param>
    /// <param name="timeout">How long rendering may take.</param>
    /// <param name="baseDirectory">Report paths under it are shown relative to it.</param>
    public NodeHtmlReportRenderer(ReportTools? tools, string whyToolsMissing, string? node, TimeSpan timeout, string baseDirectory)
    {
        _tools = tools;
        _whyToolsMissing = whyToolsMissing;
        _node = node;
        _timeout = timeout;
        _baseDirectory = baseDirectory;
    }

    /// <summary>The renderer for a test assembly: its recorded tooling folder (or <see cref="ReportTools.EnvironmentVariable"/>) and node from PATH.</summary>
    public static NodeHtmlReportRenderer ForTestAssembly(Assembly testAssembly, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var tools = ReportTools.Locate(testAssembly, environment, out var whyMissing);
        return new NodeHtmlReportRenderer(tools, whyMissing, ExternalProcess.FindOnPath("node", environment), DefaultTimeout, Environment.CurrentDirectory);
    }

    public async Task<HtmlRenderOutcome> RenderAsync(string ndjsonPath, string htmlPath, CancellationToken cancellationToken)
    {
        var script = _tools?.RenderHtmlScript ?? Path.Combine("bdd", "report", "render-html.mjs");
        var renderCommand = $"node \"{script}\" \"{ndjsonPath}\" \"{htmlPath}\"";
        if (_node is null)
        {
            return NotRendered($"node is not on PATH. Install Node.js 20 or later, run `npm ci` in {_tools?.Folder ?? "bdd/report"}, then render the messages: {renderCommand}");
        }
        if (_tools is null)
        {
            return NotRendered($"{_whyToolsMissing}. Then render the messages: {renderCommand}");
        }
        if (!_tools.IsInstalled)
        {
            return NotRendered($"the npm packages of {_tools.Folder} are not installed (the build installs them when npm is on PATH). Run `{_tools.InstallCommand}`, then render the messages: {renderCommand}");
        }
        var result = await ExternalProcess.RunAsync(_node, [_tools.RenderHtmlScript, ndjsonPath, htmlPath], _tools.Folder, _timeout, cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
        {
            return NotRendered($"{result.CommandLine} did not finish within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Rerun it by hand to see where it hangs.");
        }
        if (!result.Succeeded)
        {
            return NotRendered($"render-html.mjs failed (exit {result.ExitCode}): {result.LastErrorLine}. Fix that, then rerun: {renderCommand}");
        }
        return new HtmlRenderOutcome(true, $"HTML report: {Display(htmlPath)}");
    }

    private static HtmlRenderOutcome NotRendered(string reason) => new(false, $"HTML report not rendered: {reason}");

    private string Display(string path)
    {
        var relative = Path.GetRelativePath(_baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
