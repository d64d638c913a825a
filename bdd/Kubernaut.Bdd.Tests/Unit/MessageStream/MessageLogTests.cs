using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;
using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.Tests.Unit.MessageStream;

public class MessageLogTests
{
    [Fact]
    public void Only_executed_pickles_and_their_features_are_in_the_stream()
    {
        var log = new MessageLog(new Meta());
        var ran = log.AddFeature(new Source { Uri = "a.feature" }, new GherkinDocument(), [new Pickle { Id = "p1" }, new Pickle { Id = "p2" }], []);
        log.AddFeature(new Source { Uri = "filtered-out.feature" }, new GherkinDocument(), [new Pickle { Id = "p3" }], []);

        ran.MarkExecuted(1);

        var envelopes = log.Assemble();
        envelopes.Where(e => e.Source is not null).Select(e => e.Source!.Uri).Should().Equal("a.feature");
        envelopes.Where(e => e.Pickle is not null).Select(e => e.Pickle!.Id).Should().Equal("p2");
    }

    [Fact]
    public void Execution_envelopes_go_to_the_section_of_the_current_phase()
    {
        var log = new MessageLog(new Meta());
        log.SetTestRunStarted(new TestRunStarted { Id = "run" });
        log.Add(Envelope.Of(new TestRunHookStarted { Id = "before" }));
        log.Phase = RunPhase.Execution;
        log.Add(Envelope.Of(new TestCaseStarted { Id = "case" }));
        log.AddTestCase(new TestCase { Id = "planned" });
        log.Phase = RunPhase.AfterRun;
        log.Add(Envelope.Of(new TestRunHookStarted { Id = "after" }));
        log.SetTestRunFinished(new TestRunFinished());

        log.Assemble().Select(Harness.KindOf).Should().Equal("meta", "testRunStarted", "testRunHookStarted", "testCase", "testCaseStarted", "testRunHookStarted", "testRunFinished");
    }

    /// <summary>
    /// A spooled log (serialized in the background, into pooled pages) writes the same bytes as the envelopes it would
    /// have kept: with lines spread over several pages and a document line larger than a page.
    /// </summary>
    [Fact]
    public async Task A_spooled_stream_is_byte_identical_to_the_kept_envelopes_and_is_written_once()
    {
        var folder = Directory.CreateTempSubdirectory("kubernaut-bdd-").FullName;
        var kept = Fill(new MessageLog(new Meta { ProtocolVersion = "test" }));
        var spooledLog = new MessageLog(new Meta { ProtocolVersion = "test" });
        spooledLog.StartSpooling();
        var spooled = Fill(spooledLog);
        var cancellation = TestContext.Current.CancellationToken;

        await NdjsonWriter.WriteAsync(kept.Assemble(), Path.Combine(folder, "kept.ndjson"), cancellation);
        await spooled.WriteNdjsonAsync(Path.Combine(folder, "spooled.ndjson"), cancellation);

        var expected = await File.ReadAllBytesAsync(Path.Combine(folder, "kept.ndjson"), cancellation);
        expected.Length.Should().BeGreaterThan(1024 * 1024, "the stream spans several pages");
        (await File.ReadAllBytesAsync(Path.Combine(folder, "spooled.ndjson"), cancellation)).Should().Equal(expected);
        var again = () => spooled.WriteNdjsonAsync(Path.Combine(folder, "again.ndjson"), cancellation);
        (await again.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("written already");
        Directory.Delete(folder, recursive: true);

        static MessageLog Fill(MessageLog log)
        {
            var pickles = Enumerable.Range(0, 2000).Select(i => new Pickle { Id = $"p{i}", Name = $"Scenario {i} with a name long enough to fill pages", Uri = "a.feature" }).ToList();
            var document = new GherkinDocument { Uri = "a.feature", Comments = [.. Enumerable.Range(0, 3000).Select(i => new Comment { Location = new Location(i, 1), Text = $"# comment {i}" })] };
            var feature = log.AddFeature(new Source { Uri = "a.feature", Data = "Feature: A" }, document, pickles, []);
            log.SetTestRunStarted(new TestRunStarted { Id = "run" });
            log.Phase = RunPhase.Execution;
            for (var i = 0; i < pickles.Count; i++)
            {
                feature.MarkExecuted(i);
                log.AddTestCase(new TestCase { Id = $"case{i}", PickleId = $"p{i}", TestRunStartedId = "run" });
                log.Add(Envelope.Of(new TestCaseStarted { Id = $"started{i}", TestCaseId = $"case{i}", Timestamp = new Timestamp { Seconds = i } }));
                log.Add(Envelope.Of(new TestCaseFinished { TestCaseStartedId = $"started{i}", Timestamp = new Timestamp { Seconds = i } }));
            }
            log.Phase = RunPhase.AfterRun;
            log.SetTestRunFinished(new TestRunFinished { Success = true });
            return log;
        }
    }
}
