using System.Diagnostics;
using System.Globalization;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Xunit.Runner.Common;
using Xunit.Runner.InProc.SystemConsole;
using Xunit.Sdk;

namespace Kubernaut.Bdd.Benchmarks;

/// <summary>How many times to measure.</summary>
public sealed record BenchmarkOptions(int Warmups, int Repetitions)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : index >= 0 ? throw new ArgumentException($"{name} needs a positive number, e.g. {name} 5.") : fallback;
        }
        return new BenchmarkOptions(Value("--warmups", 2), Value("--repetitions", 9));
    }
}

/// <summary>
/// Compares the BDD runtime with plain xUnit facts doing the same work, in this process and through the same xUnit
/// pipeline: the in-process runner that xUnit's console runner and Visual Studio use, once per measurement, selecting
/// a set by trait (discovery, fixtures, ordering, execution and reporting as in a normal run). Each round runs every
/// set, in rotating order: the scenarios with Reqnroll's default trace (each step's "-> done" line in the test
/// output), the scenarios with <c>trace.traceSuccessfulSteps: false</c>, the plain facts, and an empty selection that
/// measures what every run pays regardless (runner start-up, discovery of all sets). Both scenario runs write the
/// NDJSON message stream. Figures are medians over the measured rounds, after warm-up rounds.
/// </summary>
public static class RuntimeBenchmark
{
    private const double Target = 1.5;

    private static readonly BenchmarkSet[] Sets =
    [
        new("scenarios", "bench-bdd", BenchmarkFeature.Feature.PickleCount, TraceSuccessfulSteps: true),
        new("scenarios without step trace", "bench-bdd", BenchmarkFeature.Feature.PickleCount, TraceSuccessfulSteps: false),
        new("plain facts", "bench-plain", BenchmarkFeature.Feature.PickleCount, TraceSuccessfulSteps: true),
        new("empty selection", "bench-none", 0, TraceSuccessfulSteps: true),
    ];

    public static int Run(BenchmarkOptions options)
    {
        var feature = BenchmarkFeature.Feature;
        var parse = MeasureParse(feature.Uri, feature.Source, options);
        Console.WriteLine($"Parsing and compiling {feature.PickleCount} scenarios: first {Ms(parse.First)}, median {Ms(parse.Median)} of {options.Repetitions} (target: < 200 ms)");

        var configurationPath = Path.Combine(AppContext.BaseDirectory, "reqnroll.json");
        var configuration = File.ReadAllText(configurationPath);
        var results = Sets.ToDictionary(s => s, _ => new List<(TimeSpan Elapsed, long Allocated)>());
        try
        {
            for (var round = 0; round < options.Warmups + options.Repetitions; round++)
            {
                for (var i = 0; i < Sets.Length; i++)
                {
                    var set = Sets[(round + i) % Sets.Length];
                    File.WriteAllText(configurationPath, set.TraceSuccessfulSteps ? configuration : WithoutStepTrace(configuration));
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var elapsed = MeasureRun(set);
                    if (round >= options.Warmups)
                    {
                        results[set].Add((elapsed, GC.GetTotalAllocatedBytes(precise: true) - before));
                    }
                }
            }
        }
        finally
        {
            File.WriteAllText(configurationPath, configuration);
        }

        var median = results.ToDictionary(p => p.Key.Name, p => Median(p.Value.Select(v => v.Elapsed).ToList()));
        var empty = median["empty selection"];
        var plain = median["plain facts"];
        Console.WriteLine();
        Console.WriteLine($"Medians of {options.Repetitions} rounds after {options.Warmups} warm-up rounds (wall clock of one xUnit run in this process; MB allocated by the run):");
        foreach (var (set, values) in results)
        {
            var allocated = values.Select(v => v.Allocated).Order().ElementAt(values.Count / 2) / 1048576.0;
            Console.WriteLine($"  {set.Tests,4} {set.Name,-29} {Ms(median[set.Name]),10}  (above the empty selection: {Ms(median[set.Name] - empty),9}; {allocated.ToString("0.0", CultureInfo.InvariantCulture),6} MB)");
        }
        Console.WriteLine();
        Console.WriteLine($"Ratios to the plain facts (target: <= {Target.ToString("0.0", CultureInfo.InvariantCulture)}x):");
        var met = true;
        foreach (var set in Sets.Take(2))
        {
            var whole = median[set.Name] / plain;
            var above = (median[set.Name] - empty) / (plain - empty);
            met &= whole <= Target;
            Console.WriteLine($"  {set.Name,-29} whole run {Ratio(whole)}, above the empty selection {Ratio(above)}");
        }
        met &= parse.Median < TimeSpan.FromMilliseconds(200);
        Console.WriteLine(met ? "Targets met (whole-run ratio and parse time)." : "A target was missed (whole-run ratio or parse time).");
        return met ? 0 : 1;
    }

    private static (TimeSpan First, TimeSpan Median) MeasureParse(string uri, string source, BenchmarkOptions options)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < options.Repetitions + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            FeatureModel.Parse(uri, source, "en", new IncrementingIdGenerator());
            times.Add(watch.Elapsed);
        }
        return (times[0], Median(times.Skip(1).ToList()));
    }

    private static TimeSpan MeasureRun(BenchmarkSet set)
    {
        var testAssembly = typeof(RuntimeBenchmark).Assembly;
        var project = new XunitProject();
        var assembly = new XunitProjectAssembly(project, testAssembly.Location, new AssemblyMetadata(3, ".NETCoreApp,Version=v10.0")) { Assembly = testAssembly };
        assembly.Configuration.Filters.AddIncludedTraitFilter("Category", set.Category);
        project.Add(assembly);
        var results = new ResultCounter();
        using var cancellation = new CancellationTokenSource();

        var watch = Stopwatch.StartNew();
        ConsoleRunnerInProcess.Run(results, null, assembly, cancellation).GetAwaiter().GetResult();
        var elapsed = watch.Elapsed;

        if (results.Passed != set.Tests || results.NotPassed != 0)
        {
            throw new InvalidOperationException(
                $"The run of {set.Name} passed {results.Passed} of {set.Tests} tests ({results.NotPassed} did not pass); run the project without --benchmark to see why.");
        }
        return elapsed;
    }

    /// <summary>The benchmark's reqnroll.json with <c>trace.traceSuccessfulSteps</c> off.</summary>
    private static string WithoutStepTrace(string configuration) =>
        configuration.Replace("\"traceSuccessfulSteps\": true", "\"traceSuccessfulSteps\": false", StringComparison.Ordinal);

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private sealed record BenchmarkSet(string Name, string Category, int Tests, bool TraceSuccessfulSteps);

    /// <summary>Counts test results from xUnit's message stream.</summary>
    private sealed class ResultCounter : IMessageSink
    {
        private int _passed;
        private int _notPassed;

        public int Passed => _passed;

        public int NotPassed => _notPassed;

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestPassed:
                    Interlocked.Increment(ref _passed);
                    break;
                case ITestFailed or ITestSkipped or IErrorMessage:
                    Interlocked.Increment(ref _notPassed);
                    break;
            }
            return true;
        }
    }
}
