using Kubernaut.Bdd.Messages;
using Reqnroll;
using Reqnroll.BoDi;

namespace Kubernaut.Bdd.Tests.Unit.Execution;

public class InjectionTests
{
    private const string TwoScenarios = """
        Feature: Injection
          Scenario: First
            Given the objects are noted
            And the objects are noted again
          Scenario: Second
            Given the objects are noted
        """;

    [Fact]
    public async Task Scenario_objects_are_shared_within_a_scenario_and_new_in_the_next_feature_and_run_objects_are_shared()
    {
        Notes.All.Clear();

        var result = await Harness.RunAsync(TwoScenarios, typeof(FirstSteps), typeof(SecondSteps), typeof(RunSetup));

        result.Success.Should().BeTrue(string.Join(Environment.NewLine, result.Scenarios.Select(s => s.Report)));
        Notes.All.Should().HaveCount(3);
        var (first, again, second) = (Notes.All[0], Notes.All[1], Notes.All[2]);
        again.Scenario.Should().BeSameAs(first.Scenario);
        again.Service.Should().BeSameAs(first.Service, "a class is created once per scenario, whichever binding asks");
        second.Scenario.Should().NotBeSameAs(first.Scenario);
        second.Service.Should().NotBeSameAs(first.Service);
        second.Feature.Should().BeSameAs(first.Feature);
        second.Run.Should().BeSameAs(first.Run);
        first.Service.Disposed.Should().BeTrue("scenario objects are disposed when their scenario ends");
    }

    [Fact]
    public async Task Static_hooks_get_the_objects_of_their_scope_as_parameters()
    {
        FeatureHooks.Seen.Clear();

        var result = await Harness.RunAsync(TwoScenarios, typeof(FirstSteps), typeof(SecondSteps), typeof(RunSetup), typeof(FeatureHooks));

        result.Success.Should().BeTrue();
        FeatureHooks.Seen.Should().ContainSingle().Which.Should().Be("Injection");
    }

    [Fact]
    public async Task ScenarioContext_knows_the_scenario_its_examples_and_its_status()
    {
        StatusSteps.Infos.Clear();
        var result = await Harness.RunAsync("""
            @feature
            Feature: Status
              Rule: A rule
                @rule
                Scenario Outline: Outline <value>
                  Outline description.
                  Given the scenario info is noted
                  @examples
                  Examples:
                    | value |
                    | one   |
            """, typeof(StatusSteps));

        result.Success.Should().BeTrue();
        var info = StatusSteps.Infos.Single();
        info.Title.Should().Be("Outline one");
        info.Description.Should().Contain("Outline description.");
        info.Tags.Should().Equal("rule", "examples");
        info.CombinedTags.Should().BeEquivalentTo("feature", "rule", "examples");
        info.Arguments["value"].Should().Be("one");
        StatusSteps.StatusAfterScenario.Should().Be(ScenarioExecutionStatus.OK);
    }

    [Fact]
    public async Task The_step_context_is_one_per_step_from_its_BeforeStep_hook_to_its_AfterStep_hook()
    {
        StepContextSteps.Seen.Clear();
        var result = await Harness.RunAsync("""
            Feature: Step context
              Scenario: Two steps
                Given a step that reads its context
                When a step that fails
            """, typeof(StepContextSteps));

        result.Scenarios.Single().Status.Should().Be(TestStepResultStatus.FAILED);
        StepContextSteps.Seen.Should().Equal(
            "before: a step that reads its context, OK",
            "step: a step that reads its context (Given), marked by its BeforeStep hook",
            "after: a step that reads its context, OK",
            "before: a step that fails, OK",
            "after: a step that fails, TestError");
    }

    private sealed class StepContextSteps(ScenarioContext scenario)
    {
        public static List<string> Seen { get; } = [];

        [BeforeStep]
        public void Before()
        {
            var step = scenario.StepContext!;
            step["mark"] = "marked by its BeforeStep hook";
            Seen.Add($"before: {step.StepInfo.Text}, {step.Status}");
        }

        [Given("a step that reads its context")]
        public void Read() =>
            Seen.Add($"step: {scenario.StepContext!.StepInfo.Text} ({scenario.StepContext.StepInfo.StepDefinitionType}), {scenario.StepContext["mark"]}");

        [When("a step that fails")]
        public void Fail() => throw new InvalidOperationException("failed on purpose");

        [AfterStep]
        public void After() => Seen.Add($"after: {scenario.StepContext!.StepInfo.Text}, {scenario.StepContext.Status}");
    }

    public sealed record Note(ScenarioContext Scenario, FeatureContext Feature, RunService Run, ScenarioService Service);

    public static class Notes
    {
        public static List<Note> All { get; } = [];
    }

    public sealed class RunService;

    public sealed class ScenarioService : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class RunSetup
    {
        [BeforeTestRun]
        public static void Register(IObjectContainer container) => container.RegisterInstanceAs(new RunService());
    }

    private sealed class FirstSteps(ScenarioContext scenario, FeatureContext feature, RunService run, ScenarioService service)
    {
        [Given("the objects are noted")]
        public void Note() => Notes.All.Add(new Note(scenario, feature, run, service));
    }

    private sealed class SecondSteps(ScenarioContext scenario, FeatureContext feature, RunService run, ScenarioService service)
    {
        [Given("the objects are noted again")]
        public void Note() => Notes.All.Add(new Note(scenario, feature, run, service));
    }

    private sealed class FeatureHooks
    {
        public static List<string> Seen { get; } = [];

        [BeforeFeature]
        public static void Note(FeatureContext feature, RunService run) => Seen.Add(feature.FeatureInfo.Title);
    }

    private sealed class StatusSteps(ScenarioContext scenario)
    {
        public static List<ScenarioInfo> Infos { get; } = [];

        public static ScenarioExecutionStatus? StatusAfterScenario { get; private set; }

        [Given("the scenario info is noted")]
        public void Note() => Infos.Add(scenario.ScenarioInfo);

        [AfterScenario]
        public void NoteStatus() => StatusAfterScenario = scenario.ScenarioExecutionStatus;
    }
}
