using FluentAssertions;
using Kubernaut.Emulator.Notification.Metrics;

namespace Kubernaut.Emulator.Tests.Notification;

public sealed class PrometheusMetricsTests
{
    [Fact]
    public void Histograms_render_cumulative_buckets_sum_and_count_per_label_set()
    {
        var histogram = new Histogram("delivery_seconds", "Delivery time.", [0.1, 1], "channel");
        histogram.Observe(0.05, "console");
        histogram.Observe(0.5, "console");
        histogram.Observe(5, "console");
        var text = new System.Text.StringBuilder();

        histogram.Render(text);

        text.ToString().Should().Be("""
            # HELP delivery_seconds Delivery time.
            # TYPE delivery_seconds histogram
            delivery_seconds_bucket{channel="console",le="0.1"} 1
            delivery_seconds_bucket{channel="console",le="1"} 2
            delivery_seconds_bucket{channel="console",le="+Inf"} 3
            delivery_seconds_sum{channel="console"} 5.55
            delivery_seconds_count{channel="console"} 3

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Label_values_are_escaped_and_the_label_count_is_checked()
    {
        var counter = new Counter("attempts_total", "Attempts.", "channel", "status");
        counter.Inc("slack:\"odd\"", "success");
        var text = new System.Text.StringBuilder();

        counter.Render(text);

        text.ToString().Should().Contain("attempts_total{channel=\"slack:\\\"odd\\\"\",status=\"success\"} 1\n");
        var wrong = () => counter.Inc("console");
        wrong.Should().Throw<ArgumentException>().WithMessage("attempts_total takes labels (channel, status)*");
    }

    [Fact]
    public void Reconciler_active_moves_a_notification_between_phases()
    {
        var metrics = new NotificationMetrics();

        metrics.TrackPhase("ns/a", "Pending");
        metrics.TrackPhase("ns/a", "Sent");
        metrics.TrackPhase("ns/b", "Sent");
        metrics.TrackPhase("ns/b", null);

        var text = metrics.Render();
        text.Should().Contain("kubernaut_notification_reconciler_active{phase=\"Pending\"} 0\n");
        text.Should().Contain("kubernaut_notification_reconciler_active{phase=\"Sent\"} 1\n");
    }
}
