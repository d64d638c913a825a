using System.Globalization;

namespace Kubernaut.Emulator.Benchmarks.Shared;

/// <summary>Latency percentiles of a series of timed operations (nearest-rank).</summary>
public sealed class LatencyReport
{
    private readonly double[] _sortedMilliseconds;

    public LatencyReport(IEnumerable<TimeSpan> samples)
    {
        _sortedMilliseconds = [.. samples.Select(s => s.TotalMilliseconds).Order()];
        if (_sortedMilliseconds.Length == 0)
        {
            throw new ArgumentException("A latency report needs at least one sample.", nameof(samples));
        }
    }

    public int Count => _sortedMilliseconds.Length;

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);

    public double Mean => _sortedMilliseconds.Average();

    public double Max => _sortedMilliseconds[^1];

    public double Percentile(double percent) =>
        _sortedMilliseconds[Math.Clamp((int)Math.Ceiling(percent / 100 * Count) - 1, 0, Count - 1)];

    public IEnumerable<string> Lines() =>
    [
        Line("p50", P50),
        Line("p95", P95),
        Line("p99", P99),
        Line("mean", Mean),
        Line("max", Max),
    ];

    private static string Line(string name, double milliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"  latency {name,-5} {milliseconds,9:F3} ms");
}
