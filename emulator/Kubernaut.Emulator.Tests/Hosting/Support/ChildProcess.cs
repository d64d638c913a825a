using System.Diagnostics;
using Xunit.Sdk;

namespace Kubernaut.Emulator.Tests.Hosting.Support;

/// <summary>
/// A process started by a test (kubectl, the standalone emulator): output captured line by line, waits with deadlines
/// that fail saying what was awaited and showing the output so far, and a clean stop (SIGINT) or a kill.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _error = [];
    private readonly object _gate = new();
    private readonly SemaphoreSlim _changed = new(0);

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public string CommandLine { get; }

    public IReadOnlyList<string> Output { get { lock (_gate) { return _output.ToList(); } } }

    public IReadOnlyList<string> Error { get { lock (_gate) { return _error.ToList(); } } }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? standardInput = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, $"{fileName} {string.Join(' ', Redacted(info.ArgumentList))}");
        process.OutputDataReceived += (_, e) => child.Add(child._output, e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(child._error, e.Data);
        process.Exited += (_, _) => child._changed.Release();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        return child;
    }

    /// <summary>Waits until the output so far satisfies <paramref name="done"/>; fails with the output and error seen.</summary>
    public async Task<IReadOnlyList<string>> WaitForOutputAsync(Func<IReadOnlyList<string>, bool> done, string awaited, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var output = Output;
            if (done(output))
            {
                return output;
            }
            if (_process.HasExited)
            {
                throw new XunitException($"`{CommandLine}` exited with {_process.ExitCode} before {awaited}.\n{Describe()}");
            }
            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new XunitException($"Timed out after {timeout.TotalSeconds:0.#}s waiting for {awaited} from `{CommandLine}`.\n{Describe()}");
            }
        }
    }

    /// <summary>Waits for the process to end by itself; fails (and kills it) after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new XunitException($"`{CommandLine}` did not exit within {timeout.TotalSeconds:0.#}s.\n{Describe()}");
        }
        // The exit event can precede the last redirected lines; WaitForExit() without a timeout drains them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public string Describe() => $"stdout:\n{string.Join('\n', Output)}\nstderr:\n{string.Join('\n', Error)}";

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _changed.Dispose();
        return ValueTask.CompletedTask;
    }

    // Failure messages show the command line; a bearer token passed to it stays out of them.
    private static IEnumerable<string> Redacted(IEnumerable<string> arguments)
    {
        var hideNext = false;
        foreach (var argument in arguments)
        {
            yield return hideNext ? "<redacted>" : argument.StartsWith("--token=", StringComparison.Ordinal) ? "--token=<redacted>" : argument;
            hideNext = argument == "--token";
        }
    }

    private void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            lines.Add(line);
        }
        _changed.Release();
    }
}
