using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>The process runner behind the renderer and the report tests: output capture, exit codes, time limits, PATH lookup.</summary>
public sealed class ExternalProcessTests
{
    [Fact]
    public async Task Output_error_and_exit_code_are_captured()
    {
        var node = ReportToolchain.RequireNode();

        var result = await ExternalProcess.RunAsync(node, ["-e", "console.log('to out'); console.error('to err'); process.exit(3)"],
            AppContext.BaseDirectory, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal((3, "to out\n", "to err\n", false), (result.ExitCode, result.StandardOutput, result.StandardError, result.TimedOut));
        Assert.Equal("to err", result.LastErrorLine);
        Assert.StartsWith($"{node} -e \"console.log(", result.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_outlives_its_time_limit_is_killed_and_reported_as_timed_out()
    {
        var node = ReportToolchain.RequireNode();

        var result = await ExternalProcess.RunAsync(node, ["-e", "console.log('started'); setInterval(() => {}, 1000)"],
            AppContext.BaseDirectory, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut, $"The process ended by itself with exit code {result.ExitCode}.");
        Assert.False(result.Succeeded);
        Assert.Equal("started\n", result.StandardOutput);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Commands_are_found_on_path_and_missing_ones_are_null()
    {
        var folder = Directory.CreateTempSubdirectory("kubernaut-bdd-path-").FullName;
        try
        {
            var tool = Path.Combine(folder, OperatingSystem.IsWindows() ? "fake-tool.EXE" : "fake-tool");
            File.WriteAllText(tool, "");
            Func<string, string?> environment = name => name == "PATH" ? string.Join(Path.PathSeparator, "/nonexistent", folder) : null;

            Assert.Equal(tool, ExternalProcess.FindOnPath("fake-tool", environment));
            Assert.Null(ExternalProcess.FindOnPath("no-such-tool", environment));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
