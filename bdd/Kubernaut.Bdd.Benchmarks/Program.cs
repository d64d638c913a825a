using Xunit.Runner.InProc.SystemConsole;

namespace Kubernaut.Bdd.Benchmarks;

/// <summary>
/// xUnit's entry point, plus the benchmark mode (<c>--benchmark</c>). Synchronous on purpose: xUnit's console runner
/// expects to run on the main thread (it waits for other foreground threads before returning).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Any(a => a is "--server" or "--internal-msbuild-node"))
        {
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        }
        if (args.FirstOrDefault() == "--benchmark")
        {
            return RuntimeBenchmark.Run(BenchmarkOptions.Parse(args[1..]));
        }
        return ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
