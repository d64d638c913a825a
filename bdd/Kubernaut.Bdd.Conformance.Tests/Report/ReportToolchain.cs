using System.Text.Json.Nodes;
using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>
/// What the report tests need from the machine (node, the installed bdd/report tooling, Chromium), each skipping the
/// calling test with the reason and the fix when it is missing; and where the tests keep their artifacts.
/// </summary>
public static class ReportToolchain
{
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] ChromiumCommands = ["chromium", "chromium-browser", "google-chrome"];

    public static string RequireNode()
    {
        var node = ExternalProcess.FindOnPath("node", Environment.GetEnvironmentVariable);
        if (node is null)
        {
            Assert.Skip("node is not on PATH: install Node.js 20 or later to render and check reports.");
        }
        return node;
    }

    /// <summary>The located tooling folder with its npm packages installed.</summary>
    public static ReportTools RequireInstalledTools()
    {
        var tools = ReportTools.Locate(typeof(ReportToolchain).Assembly, Environment.GetEnvironmentVariable, out var whyMissing);
        if (tools is null)
        {
            Assert.Skip($"The report tooling cannot be located: {whyMissing}.");
        }
        if (!tools.IsInstalled)
        {
            Assert.Skip($"The npm packages of the report tooling are not installed: run `{tools.InstallCommand}` (the build does so when npm is on PATH).");
        }
        return tools;
    }

    /// <summary>Debian's Chromium (/usr/bin/chromium) or another Chromium found on PATH.</summary>
    public static string RequireChromium()
    {
        var chromium = ChromiumCommands.Select(command => ExternalProcess.FindOnPath(command, Environment.GetEnvironmentVariable)).FirstOrDefault(path => path is not null);
        if (chromium is null)
        {
            Assert.Skip("Chromium is not installed (looked for chromium, chromium-browser and google-chrome on PATH): install Debian's chromium package to check reports in a browser.");
        }
        return chromium;
    }

    /// <summary>A folder under TestResults next to the test assembly, kept after the run for inspection.</summary>
    public static string ArtifactsFolder(string name)
    {
        var folder = Path.Combine(ConformanceSummary.Directory, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs one of the tooling's scripts with node and reads the JSON summary line it prints last.</summary>
    public static async Task<(ProcessResult Process, JsonNode Summary)> RunScriptAsync(string node, ReportTools tools, string script, IReadOnlyList<string> arguments)
    {
        var result = await ExternalProcess.RunAsync(node, [script, .. arguments], tools.Folder, ScriptTimeout, TestContext.Current.CancellationToken);
        var summaryLine = result.StandardOutput.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith('{'));
        Assert.True(summaryLine is not null, $"{result.CommandLine} printed no JSON summary (exit {result.ExitCode}, timed out: {result.TimedOut}): {result.LastErrorLine}");
        return (result, JsonNode.Parse(summaryLine)!);
    }
}
