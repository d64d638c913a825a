using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Unit.Execution;

/// <summary>Cucumber's rules for failing run hooks and skipped scenarios, as the Compatibility Kit records them.</summary>
public class CucumberRulesTests
{
    private const string OneScenario = """
        Feature: Run hooks
          Scenario: A passing scenario
            When a step passes
        """;

    [Fact]
    public async Task Every_AfterTestRun_hook_runs_even_after_one_failed()
    {
        var result = await Harness.RunAsync(OneScenario, typeof(FailingAfterTestRunBindings));

        result.All<TestRunHookFinished>().Select(f => f.Result.Status).Should()
            .Equal([TestStepResultStatus.PASSED, TestStepResultStatus.FAILED, TestStepResultStatus.PASSED], "AfterTestRun hooks run in reverse order, all of them");
        var finished = result.All<TestRunFinished>().Single();
        finished.Success.Should().BeFalse();
        finished.Message.Should().BeNull("the failed hook's own result reports it");
    }

    [Fact]
    public async Task A_failed_BeforeTestRun_hook_keeps_the_pickles_in_the_stream_without_test_cases()
    {
        var result = await Harness.RunAsync(OneScenario, typeof(FailingBeforeTestRunBindings));

        result.Kinds().Should().Contain(["source", "gherkinDocument", "pickle"]).And.NotContain("testCase");
        result.All<TestRunFinished>().Single().Message.Should().BeNull("the failed hook's own result reports it");
        result.Single().Status.Should().Be(TestStepResultStatus.FAILED);
    }

    [Fact]
    public async Task After_a_step_skips_the_scenario_undefined_and_ambiguous_steps_are_skipped_without_suggestions()
    {
        var result = await Harness.RunAsync("""
            Feature: Skipping
              Scenario: Step marks itself skipped
                Given a step that skips
                And a step nobody defined
                And an ambiguous step
            """, typeof(SkippingBindings));

        result.All<TestStepFinished>().Select(f => f.TestStepResult.Status).Should()
            .Equal(TestStepResultStatus.SKIPPED, TestStepResultStatus.SKIPPED, TestStepResultStatus.SKIPPED);
        result.All<Suggestion>().Should().BeEmpty();
    }

    public class FailingAfterTestRunBindings
    {
        [When("a step passes")]
        public void AStepPasses()
        {
        }

        [AfterTestRun]
        public static void FirstAfterTestRun()
        {
        }

        [AfterTestRun]
        public static void FailingAfterTestRun() => throw new InvalidOperationException("AfterTestRun went wrong");

        [AfterTestRun]
        public static void LastAfterTestRun()
        {
        }
    }

    public class FailingBeforeTestRunBindings
    {
        [BeforeTestRun]
        public static void FailingBeforeTestRun() => throw new InvalidOperationException("BeforeTestRun went wrong");

        [When("a step passes")]
        public void AStepPasses()
        {
        }
    }

    public class SkippingBindings
    {
        [Given("a step that skips")]
        public void AStepThatSkips() => Assert.Skip("");

        [Given(@"^an ambiguous (.*)$")]
        public void AnAmbiguous(string what)
        {
        }

        [Given(@"^(.*) ambiguous step$")]
        public void AmbiguousStep(string what)
        {
        }
    }
}
