using System.Globalization;
using System.Text.RegularExpressions;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>
/// The time formats DataStorage speaks: RFC 3339 date-times (what Go's time.RFC3339Nano writes and the OpenAPI
/// date-time format accepts) and Go durations for relative query windows such as <c>since=24h</c>.
/// </summary>
public static partial class TimeFormats
{
    /// <summary>Writes UTC with the fraction trimmed of trailing zeros, as Go's RFC3339Nano does.</summary>
    public static string FormatRfc3339(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var whole = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        return ticks == 0
            ? whole + "Z"
            : whole + "." + ticks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    /// <summary>Truncates to whole microseconds, the precision PostgreSQL keeps.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    public static string FormatDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 date-time (offset required, up to nanosecond fractions, truncated to 100 ns).</summary>
    public static bool TryParseRfc3339(string? text, out DateTimeOffset value)
    {
        value = default;
        var match = text is null ? Match.Empty : Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var fraction = match.Groups["fraction"].Value;
        var normalized = match.Groups["whole"].Value.ToUpperInvariant()
            + (fraction.Length == 0 ? "" : "." + (fraction.Length > 7 ? fraction[..7] : fraction))
            + (match.Groups["offset"].Value is "Z" or "z" ? "+00:00" : match.Groups["offset"].Value);
        return DateTimeOffset.TryParseExact(
            normalized,
            fraction.Length == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out value);
    }

    /// <summary>Parses a Go duration such as <c>24h</c>, <c>30m</c>, <c>1h30m</c>, <c>1.5h</c> or <c>500ms</c>.</summary>
    public static bool TryParseGoDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var negative = text[0] == '-';
        var body = text[0] is '-' or '+' ? text[1..] : text;
        if (body == "0")
        {
            return true;
        }
        var parts = GoDurationPart().Matches(body);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != body.Length)
        {
            return false;
        }
        double ticks = 0;
        foreach (Match part in parts)
        {
            var amount = double.Parse(part.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += amount * part.Groups["unit"].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }
        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    [GeneratedRegex(@"^(?<whole>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,9}))?(?<offset>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"(?<amount>\d+(?:\.\d*)?|\.\d+)(?<unit>ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
