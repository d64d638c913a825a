using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.Tests.Unit.Reporting;

public class ReportingTests
{
    private static readonly DateTimeOffset RunStarted = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Placeholders_are_replaced_and_relative_paths_resolve_against_the_current_directory()
    {
        var path = FormatterPaths.Resolve("reports/{env:SERVICE}-{timestamp}.ndjson", RunStarted, name => name == "SERVICE" ? "notification" : null, "/runs/42");

        path.Should().Be("/runs/42/reports/notification-20250304-050607.ndjson");
    }

    [Fact]
    public void An_absolute_path_stays_absolute() =>
        FormatterPaths.Resolve("/tmp/report.ndjson", RunStarted, _ => null, "/runs/42").Should().Be("/tmp/report.ndjson");

    [Fact]
    public void A_missing_environment_variable_is_named_with_the_fix()
    {
        var resolve = () => FormatterPaths.Resolve("reports/{env:SERVICE}.ndjson", RunStarted, _ => null, "/runs/42");

        resolve.Should().Throw<BddConfigurationException>().WithMessage(
            "The report path \"reports/{env:SERVICE}.ndjson\" uses {env:SERVICE} but the environment variable SERVICE is not set. Set it, or remove the placeholder from the path.");
    }

    [Fact]
    public async Task The_stream_is_written_as_ndjson_without_leaving_a_temporary_file()
    {
        var directory = Directory.CreateTempSubdirectory("kubernaut-bdd-").FullName;
        var path = Path.Combine(directory, "nested", "run.ndjson");
        Envelope[] envelopes = [Envelope.Of(new TestRunStarted { Id = "1" }), Envelope.Of(new TestRunFinished { TestRunStartedId = "1", Success = true })];

        await NdjsonWriter.WriteAsync(envelopes, path, TestContext.Current.CancellationToken);

        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Should().Be(MessageSerializer.ToNdjson(envelopes));
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// A feature's source is escaped in segments (see NdjsonWriter.WriteSource): the bytes must be the reference
    /// serializer's, including escapes and a surrogate pair that straddles a segment boundary.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(50_000)]
    public void A_source_is_written_as_the_reference_serializer_writes_it(int lines)
    {
        var text = new System.Text.StringBuilder("# language: en\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append("  Given a \"quoted\" step\twith a tab, \\ a backslash, é and 🚀 on line ").Append(i).Append('\n');
        }
        if (text.Length > 4096)
        {
            text.Insert(4095, "🚀");
        }
        Envelope[] envelopes =
        [
            Envelope.Of(new Source { Uri = "features/a.feature", Data = text.ToString() }),
            Envelope.Of(new Source { Uri = "features/empty.feature", Data = "" }),
        ];

        System.Text.Encoding.UTF8.GetString(NdjsonWriter.Serialize(envelopes)).Should().Be(MessageSerializer.ToNdjson(envelopes));
    }
}
