using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;

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
}
