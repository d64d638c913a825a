using Xunit.Sdk;

namespace Kubernaut.Emulator.Tests.Hosting.Support;

/// <summary>What one kubectl run produced.</summary>
internal sealed record KubectlResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"`{CommandLine}` exited with {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// Runs the real kubectl against a kubeconfig, with its own discovery cache, a timeout per run, and failures that show
/// the command, exit code, stdout and stderr. <see cref="Locate"/> finds kubectl (KUBECTL, /usr/bin/kubectl, PATH).
/// </summary>
internal sealed class Kubectl(string executable, string kubeconfig, string cacheDirectory)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The kubectl to use, or null when there is none on this machine.</summary>
    public static string? Locate()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("KUBECTL"), "/usr/bin/kubectl" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "kubectl")));
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
    }

    /// <summary>Skips the calling test visibly when kubectl is missing.</summary>
    public static Kubectl Require(string kubeconfig, string cacheDirectory)
    {
        var executable = Locate();
        if (executable is null)
        {
            Assert.Skip("kubectl is not installed (looked at $KUBECTL, /usr/bin/kubectl and $PATH); install kubectl 1.32 to run the kubectl tests.");
        }
        return new Kubectl(executable, kubeconfig, cacheDirectory);
    }

    public async Task<KubectlResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null)
    {
        await using var process = ChildProcess.Start(executable, WithGlobalFlags(arguments), standardInput);
        var exitCode = await process.WaitForExitAsync(RunTimeout);
        return new KubectlResult(process.CommandLine, exitCode, string.Join('\n', process.Output), string.Join('\n', process.Error));
    }

    /// <summary>Runs kubectl and requires exit code 0; returns stdout.</summary>
    public async Task<string> SucceedsAsync(params string[] arguments) => (await SucceedsWithAsync(arguments, null)).StandardOutput;

    public async Task<KubectlResult> SucceedsWithAsync(IEnumerable<string> arguments, string? standardInput)
    {
        var result = await RunAsync(arguments, standardInput);
        return result.ExitCode == 0 ? result : throw new XunitException($"kubectl failed: {result}");
    }

    /// <summary>Runs kubectl and requires a non-zero exit code (the error is on stderr).</summary>
    public async Task<KubectlResult> FailsAsync(IEnumerable<string> arguments, string? standardInput = null)
    {
        var result = await RunAsync(arguments, standardInput);
        return result.ExitCode != 0 ? result : throw new XunitException($"kubectl was expected to fail: {result}");
    }

    /// <summary>Starts a long-running kubectl (get -w, logs -f); read its output, then dispose it to stop it.</summary>
    public ChildProcess Start(params string[] arguments) => ChildProcess.Start(executable, WithGlobalFlags(arguments));

    private IEnumerable<string> WithGlobalFlags(IEnumerable<string> arguments) =>
        arguments.Concat(["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory]);
}
