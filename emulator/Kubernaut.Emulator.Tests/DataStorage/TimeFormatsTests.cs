using FluentAssertions;
using Kubernaut.Emulator.DataStorage;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class TimeFormatsTests
{
    [Theory]
    [InlineData("24h", 24 * 60)]
    [InlineData("30m", 30)]
    [InlineData("1h30m", 90)]
    [InlineData("1.5h", 90)]
    [InlineData("90s", 1.5)]
    [InlineData("-5m", -5)]
    [InlineData("0", 0)]
    public void Go_durations_parse_like_time_ParseDuration(string text, double minutes)
    {
        TimeFormats.TryParseGoDuration(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("h")]
    [InlineData("1d")]
    [InlineData("1h 30m")]
    [InlineData("2026-08-22T10:00:00Z")]
    public void Other_text_is_not_a_go_duration(string text) =>
        TimeFormats.TryParseGoDuration(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2026-08-22T10:00:00Z", "2026-08-22T10:00:00Z")]
    [InlineData("2026-08-22t12:00:00.5+02:00", "2026-08-22T10:00:00.5Z")]
    [InlineData("2026-08-22T10:00:00.123456789Z", "2026-08-22T10:00:00.1234567Z")]
    public void Rfc3339_date_times_parse_with_offsets_and_nanoseconds_and_format_in_utc(string text, string formatted)
    {
        TimeFormats.TryParseRfc3339(text, out var value).Should().BeTrue();
        TimeFormats.FormatRfc3339(value).Should().Be(formatted);
    }

    [Theory]
    [InlineData("2026-08-22")]
    [InlineData("2026-08-22T10:00:00")]
    [InlineData("2026-08-22 10:00:00Z")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("24h")]
    public void Other_text_is_not_an_rfc3339_date_time(string text) =>
        TimeFormats.TryParseRfc3339(text, out _).Should().BeFalse();
}
