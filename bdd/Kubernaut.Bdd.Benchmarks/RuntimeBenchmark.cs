using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Benchmarks.BenchmarkSources;
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
        return new BenchmarkOptions(Value("--warmups", 6), Value("--repetitions", 30));
    }
}

/// <summary>
/// Compares the BDD runtime with plain xUnit facts doing the same work, in this process and through the same xUnit
/// pipeline: the in-process runner that xUnit's console runner and Visual Studio use, once per measurement, selecting
/// a set by trait (discovery, fixtures, ordering, execution and reporting as in a normal run). Each round runs every
/// set, in a shuffled order: the scenarios with Reqnroll's default trace (each step's "-> done" line in the test
/// output), the scenarios with <c>trace.traceSuccessfulSteps: false</c>, the plain facts, and an empty selection that
/// measures what every run pays regardless (runner start-up, discovery of all sets). Both scenario runs write the
/// NDJSON message stream (into a new file: the previous round's is removed before the clock starts), which is checked
/// for completeness after each run. Every run starts after a full garbage collection, so none pays for another's
/// garbage. Figures are medians over the measured rounds, after warm-up rounds that let tiered compilation settle;
/// the target applies to the scenarios with the default configuration, as the issue defines the measurement.
/// </summary>
public static class RuntimeBenchmark
{
    private const double Target = 1.5;

    /// <summary>Holds the message stream while it is checked; kept for the whole benchmark.</summary>
    private static byte[] _streamBuffer = [];

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
        var stream = Path.Combine(Path.GetTempPath(), "kubernaut-bdd-benchmark", "benchmark.ndjson");
        var results = Sets.ToDictionary(s => s, _ => new List<Measurement>());
        // The stream goes to a temporary folder rather than beside the sources, and only the stream is written,
        // whatever the environment says.
        using (new EnvironmentOverride(new()
        {
            [ConfigurationLoader.MessageFormatterVariable] = stream,
            [ConfigurationLoader.HtmlFormatterVariable] = "false",
            [ConfigurationLoader.FormattersDisabledVariable] = null,
            [ConfigurationLoader.DryRunVariable] = null,
        }))
        {
            try
            {
                // A new order every round (seeded: every invocation uses the same orders), so that no set always
                // follows the same other set and pays for what that one leaves behind.
                var order = new Random(20240601);
                for (var round = 0; round < options.Warmups + options.Repetitions; round++)
                {
                    foreach (var set in Sets.OrderBy(_ => order.Next()).ToList())
                    {
                        File.WriteAllText(configurationPath, set.TraceSuccessfulSteps ? configuration : WithoutStepTrace(configuration));
                        // Each run writes a new stream, as a CI job on a fresh checkout does: the previous
                        // round's file is removed before the clock starts (freeing a 4 MB file's pages takes
                        // longer than writing it, and that work belongs to no run).
                        File.Delete(stream);
                        var measurement = MeasureRun(set);
                        if (set.Category == "bench-bdd")
                        {
                            CheckMessageStream(stream, set, parse.Steps);
                        }
                        if (round >= options.Warmups)
                        {
                            results[set].Add(measurement);
                        }
                    }
                }
            }
            finally
            {
                File.WriteAllText(configurationPath, configuration);
            }
        }

        var median = results.ToDictionary(p => p.Key.Name, p => Median(p.Value.Select(v => v.Elapsed)));
        var empty = median["empty selection"];
        var plain = median["plain facts"];
        Console.WriteLine();
        Console.WriteLine($"Medians of {options.Repetitions} rounds after {options.Warmups} warm-up rounds (wall clock of one xUnit run in this process, its fastest and slowest");
        Console.WriteLine("round; MB allocated, garbage collections and their pause time in the run):");
        foreach (var (set, values) in results)
        {
            var allocated = Median(values.Select(v => v.Allocated)) / 1048576.0;
            var collections = Median(values.Select(v => v.Collections));
            var pause = Median(values.Select(v => v.GcPause));
            Console.WriteLine($"  {set.Tests,4} {set.Name,-29} {Ms(median[set.Name]),9} ({Ms(values.Min(v => v.Elapsed))}–{Ms(values.Max(v => v.Elapsed))}), above the empty selection {Ms(median[set.Name] - empty),8};"
                + $" {allocated.ToString("0.0", CultureInfo.InvariantCulture),5} MB, {collections} GCs, {Ms(pause)} GC pause");
        }
        Console.WriteLine();
        Console.WriteLine($"Ratios to the plain facts (target: <= {Target.ToString("0.0", CultureInfo.InvariantCulture)}x for the scenarios with the default configuration; the other line is for comparison):");
        foreach (var set in Sets.Take(2))
        {
            var whole = median[set.Name] / plain;
            var above = (median[set.Name] - empty) / (plain - empty);
            Console.WriteLine($"  {set.Name,-29} whole run {Ratio(whole)}, above the empty selection {Ratio(above)}");
        }
        var met = median[Sets[0].Name] / plain <= Target && parse.Median < TimeSpan.FromMilliseconds(200);
        Console.WriteLine($"The last message stream: {stream}");
        Console.WriteLine(met ? "Targets met (whole-run ratio and parse time)." : "A target was missed (whole-run ratio or parse time).");
        return met ? 0 : 1;
    }

    /// <returns>The first and the median parse time, and the steps of all scenarios (what a scenario run's stream must report).</returns>
    private static (TimeSpan First, TimeSpan Median, int Steps) MeasureParse(string uri, string source, BenchmarkOptions options)
    {
        var times = new List<TimeSpan>();
        FeatureModel? model = null;
        for (var i = 0; i < options.Repetitions + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            model = FeatureModel.Parse(uri, source, "en", new IncrementingIdGenerator());
            times.Add(watch.Elapsed);
        }
        return (times[0], Median(times.Skip(1)), model!.Pickles.Sum(p => p.Steps.Count));
    }

    private static Measurement MeasureRun(BenchmarkSet set)
    {
        var testAssembly = typeof(RuntimeBenchmark).Assembly;
        var project = new XunitProject();
        var assembly = new XunitProjectAssembly(project, testAssembly.Location, new AssemblyMetadata(3, ".NETCoreApp,Version=v10.0")) { Assembly = testAssembly };
        assembly.Configuration.Filters.AddIncludedTraitFilter("Category", set.Category);
        project.Add(assembly);
        var results = new ResultCounter();
        using var cancellation = new CancellationTokenSource();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (allocated, collections, pause) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.GetTotalPauseDuration());

        var watch = Stopwatch.StartNew();
        ConsoleRunnerInProcess.Run(results, null, assembly, cancellation).GetAwaiter().GetResult();
        var elapsed = watch.Elapsed;

        var measurement = new Measurement(elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(0) - collections, GC.GetTotalPauseDuration() - pause);
        if (results.Passed != set.Tests || results.NotPassed != 0)
        {
            throw new InvalidOperationException(
                $"The run of {set.Name} passed {results.Passed} of {set.Tests} tests ({results.NotPassed} did not pass); run the project without --benchmark to see why.");
        }
        return measurement;
    }

    /// <summary>
    /// The stream of a scenario run holds every pickle, test case and step result, and ends with a successful
    /// testRunFinished: the runtime may not buy speed by dropping messages. The file is read into a buffer kept for
    /// the whole benchmark, so checking leaves no garbage for the next run to collect.
    /// </summary>
    private static void CheckMessageStream(string path, BenchmarkSet set, int steps)
    {
        int length;
        using (var file = File.OpenHandle(path))
        {
            length = checked((int)RandomAccess.GetLength(file));
            if (_streamBuffer.Length < length)
            {
                _streamBuffer = new byte[length * 2];
            }
            for (var read = 0; read < length;)
            {
                read += RandomAccess.Read(file, _streamBuffer.AsSpan(read, length - read), read);
            }
        }
        var lines = _streamBuffer.AsSpan(0, length);
        (string Kind, int Expected)[] expected =
        [
            ("pickle", set.Tests), ("testCase", set.Tests), ("testCaseStarted", set.Tests), ("testCaseFinished", set.Tests),
            ("testStepStarted", steps), ("testStepFinished", steps), ("testRunFinished", 1),
        ];
        var counts = new int[expected.Length];
        var last = ReadOnlySpan<byte>.Empty;
        foreach (var range in lines.Split((byte)'\n'))
        {
            var line = lines[range];
            if (line.IsEmpty)
            {
                continue;
            }
            last = line;
            for (var k = 0; k < expected.Length; k++)
            {
                if (IsOfKind(line, expected[k].Kind))
                {
                    counts[k]++;
                }
            }
        }
        var wrong = expected.Select((e, k) => (e.Kind, e.Expected, Found: counts[k])).Where(e => e.Found != e.Expected)
            .Select(e => $"{e.Kind}: {e.Found} instead of {e.Expected}").ToList();
        if (wrong.Count > 0 || !IsOfKind(last, "testRunFinished") || last.IndexOf("\"success\":true"u8) < 0)
        {
            throw new InvalidOperationException(
                $"The message stream of {set.Name} ({path}) is incomplete: {(wrong.Count > 0 ? string.Join(", ", wrong) : "it does not end with a successful testRunFinished")}.");
        }
    }

    /// <summary>Whether the NDJSON line is an envelope of that kind: <c>{"kind":</c>.</summary>
    private static bool IsOfKind(ReadOnlySpan<byte> line, string kind) =>
        line.Length > kind.Length + 4 && line[..2].SequenceEqual("{\""u8) && Ascii.Equals(line.Slice(2, kind.Length), kind) && line[kind.Length + 2] == (byte)'"';

    /// <summary>The benchmark's reqnroll.json with <c>trace.traceSuccessfulSteps</c> off.</summary>
    private static string WithoutStepTrace(string configuration) =>
        configuration.Replace("\"traceSuccessfulSteps\": true", "\"traceSuccessfulSteps\": false", StringComparison.Ordinal);

    private static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks(Median(values.Select(v => v.Ticks)));

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Median(IEnumerable<int> values) => (int)Median(values.Select(v => (long)v));

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private sealed record BenchmarkSet(string Name, string Category, int Tests, bool TraceSuccessfulSteps);

    /// <param name="Collections">Garbage collections of any generation (every one counts in generation 0).</param>
    private sealed record Measurement(TimeSpan Elapsed, long Allocated, int Collections, TimeSpan GcPause);

    /// <summary>Sets environment variables (null removes one) until disposed, then restores them.</summary>
    private sealed class EnvironmentOverride : IDisposable
    {
        private readonly Dictionary<string, string?> _previous;

        public EnvironmentOverride(Dictionary<string, string?> values)
        {
            _previous = values.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

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
