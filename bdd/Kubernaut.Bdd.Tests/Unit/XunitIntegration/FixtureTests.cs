using System.Reflection;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.XunitIntegration;
using Xunit.Sdk;

namespace Kubernaut.Bdd.Tests.Unit.XunitIntegration;

public class FixtureTests
{
    [Fact]
    public async Task An_invalid_reqnroll_json_fails_every_scenario_with_the_file_the_key_and_the_fix()
    {
        var directory = Directory.CreateTempSubdirectory("kubernaut-bdd-").FullName;
        var path = Path.Combine(directory, "reqnroll.json");
        await File.WriteAllTextAsync(path, """{ "runtime": { "missingOrPendingStepsOutcome": "Fail" } }""", TestContext.Current.CancellationToken);
        var feature = new GeneratedFeature("features/a.feature", "Feature: A\n  Scenario: S\n    Given 1 receiver is muted\n", 1);
        var run = new ConfiguredRun(path, feature);
        var fixture = new ConfiguredFeature(run, feature);
        await fixture.InitializeAsync();

        var runScenario = () => fixture.RunScenarioAsync(0, "S");

        (await runScenario.Should().ThrowAsync<BddScenarioException>()).Which.Message.Should().Be(string.Join(Environment.NewLine,
            $"{path} is invalid:",
            $"  {path}(1,48): 'runtime.missingOrPendingStepsOutcome' must be one of Pending, Inconclusive, Ignore, Error, but it is the string \"Fail\".",
            "Fix the value (see bdd/README.md, \"Configuration\") or remove the key to use its default."));
        await fixture.DisposeAsync();
        await run.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(TestStepResultStatus.PASSED, MissingOrPendingStepsOutcome.Error, null)]
    [InlineData(TestStepResultStatus.FAILED, MissingOrPendingStepsOutcome.Pending, typeof(BddScenarioException))]
    [InlineData(TestStepResultStatus.AMBIGUOUS, MissingOrPendingStepsOutcome.Pending, typeof(BddScenarioException))]
    [InlineData(TestStepResultStatus.UNDEFINED, MissingOrPendingStepsOutcome.Error, typeof(BddScenarioException))]
    [InlineData(TestStepResultStatus.UNDEFINED, MissingOrPendingStepsOutcome.Ignore, typeof(ScenarioSkippedException))]
    [InlineData(TestStepResultStatus.PENDING, MissingOrPendingStepsOutcome.Pending, typeof(ScenarioSkippedException))]
    [InlineData(TestStepResultStatus.PENDING, MissingOrPendingStepsOutcome.Inconclusive, typeof(ScenarioSkippedException))]
    [InlineData(TestStepResultStatus.SKIPPED, MissingOrPendingStepsOutcome.Error, typeof(ScenarioSkippedException))]
    public void Outcomes_become_xunit_passes_failures_or_skips(TestStepResultStatus status, MissingOrPendingStepsOutcome configured, Type? expected)
    {
        var outcome = (ScenarioOutcome)typeof(ScenarioOutcome).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single()
            .Invoke(["features/a.feature", new Pickle { Name = "S" }, status, new List<StepOutcome>(), "Given x → what happened", null, ""]);

        var report = () => FeatureFixture.Report(outcome, configured);

        if (expected is null)
        {
            report.Should().NotThrow();
            return;
        }
        var thrown = report.Should().Throw<Exception>().Which;
        thrown.Should().BeOfType(expected);
        thrown.Message.Should().Be(expected == typeof(ScenarioSkippedException) ? ExceptionText.DynamicSkipToken + "Given x → what happened" : "Given x → what happened");
    }

    private sealed class ConfiguredRun(string configurationPath, GeneratedFeature feature) : TestRunFixture(typeof(FixtureTests).Assembly, [feature], Harness.SourceRoot)
    {
        protected override string ConfigurationPath => configurationPath;
    }

    private sealed class ConfiguredFeature(TestRunFixture run, GeneratedFeature feature) : FeatureFixture(run, feature);
}
