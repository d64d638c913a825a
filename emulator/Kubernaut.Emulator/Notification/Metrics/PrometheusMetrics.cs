using System.Globalization;
using System.Text;

namespace Kubernaut.Emulator.Notification.Metrics;

/// <summary>A metric family with labelled series, rendered in the Prometheus text exposition format 0.0.4.</summary>
internal abstract class MetricFamily(string name, string help, string type, IReadOnlyList<string> labelNames)
{
    protected readonly object Gate = new();

    public string Name { get; } = name;

    public void Render(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(' ').Append(help).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        lock (Gate)
        {
            RenderSeries(output);
        }
    }

    protected abstract void RenderSeries(StringBuilder output);

    protected LabelValues Key(string[] values)
    {
        if (values.Length != labelNames.Count)
        {
            throw new ArgumentException($"{Name} takes labels ({string.Join(", ", labelNames)}), got {values.Length} value(s).");
        }
        return new LabelValues(values);
    }

    protected string Labels(LabelValues key, string? extraName = null, string? extraValue = null)
    {
        var pairs = labelNames.Zip(key.Values, (n, v) => $"{n}=\"{Escape(v)}\"").ToList();
        if (extraName is not null)
        {
            pairs.Add($"{extraName}=\"{extraValue}\"");
        }
        return pairs.Count == 0 ? "" : "{" + string.Join(",", pairs) + "}";
    }

    protected static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Label values of one series, compared by value.</summary>
    protected sealed record LabelValues(string[] Values)
    {
        public bool Equals(LabelValues? other) => other is not null && Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values)
            {
                hash.Add(value);
            }
            return hash.ToHashCode();
        }
    }
}

/// <summary>A family whose series each hold one number (counters and gauges).</summary>
internal abstract class ValueFamily(string name, string help, string type, IReadOnlyList<string> labelNames) : MetricFamily(name, help, type, labelNames)
{
    protected readonly Dictionary<LabelValues, double> Series = new();

    public void Add(double amount, params string[] labels)
    {
        lock (Gate)
        {
            var key = Key(labels);
            Series[key] = Series.GetValueOrDefault(key) + amount;
        }
    }

    protected override void RenderSeries(StringBuilder output)
    {
        foreach (var (key, value) in Series)
        {
            output.Append(Name).Append(Labels(key)).Append(' ').Append(Number(value)).Append('\n');
        }
    }
}

internal sealed class Counter(string name, string help, params string[] labelNames) : ValueFamily(name, help, "counter", labelNames)
{
    public void Inc(params string[] labels) => Add(1, labels);

    public double Value(params string[] labels)
    {
        lock (Gate)
        {
            return Series.GetValueOrDefault(Key(labels));
        }
    }
}

internal sealed class Gauge(string name, string help, params string[] labelNames) : ValueFamily(name, help, "gauge", labelNames)
{
    public void Set(double value, params string[] labels)
    {
        lock (Gate)
        {
            Series[Key(labels)] = value;
        }
    }
}

internal sealed class Histogram(string name, string help, double[] buckets, params string[] labelNames) : MetricFamily(name, help, "histogram", labelNames)
{
    private readonly Dictionary<LabelValues, (long[] Buckets, double Sum, long Count)> _series = new();

    public void Observe(double value, params string[] labels)
    {
        lock (Gate)
        {
            var key = Key(labels);
            var (counts, sum, count) = _series.TryGetValue(key, out var existing) ? existing : (new long[buckets.Length], 0d, 0L);
            for (var i = 0; i < buckets.Length; i++)
            {
                if (value <= buckets[i])
                {
                    counts[i]++;
                }
            }
            _series[key] = (counts, sum + value, count + 1);
        }
    }

    protected override void RenderSeries(StringBuilder output)
    {
        foreach (var (key, (counts, sum, count)) in _series)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                output.Append(Name).Append("_bucket").Append(Labels(key, "le", Number(buckets[i]))).Append(' ').Append(counts[i]).Append('\n');
            }
            output.Append(Name).Append("_bucket").Append(Labels(key, "le", "+Inf")).Append(' ').Append(count).Append('\n');
            output.Append(Name).Append("_sum").Append(Labels(key)).Append(' ').Append(Number(sum)).Append('\n');
            output.Append(Name).Append("_count").Append(Labels(key)).Append(' ').Append(count).Append('\n');
        }
    }
}
