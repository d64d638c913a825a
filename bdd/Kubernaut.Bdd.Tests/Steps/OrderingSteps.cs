using System.Collections.Concurrent;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Steps;

/// <summary>Which scenarios are running across the whole run, and in which order each feature's scenarios started.</summary>
[Binding]
public sealed class OrderingSteps(FeatureContext feature, ScenarioContext scenario)
{
    private static readonly ConcurrentDictionary<ScenarioContext, string> Running = new();
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> StartedByFeature = new();

    [BeforeScenario(Order = 0)]
    public void RecordStart()
    {
        Running[scenario] = feature.FeatureInfo.Title;
        StartedByFeature.GetOrAdd(feature.FeatureInfo.Title, _ => new()).Enqueue(scenario.ScenarioInfo.Title);
    }

    [AfterScenario(Order = int.MaxValue)]
    public void RecordEnd() => Running.TryRemove(scenario, out _);

    [Then("this is scenario {int} of this feature to run")]
    public void ThenThisIsScenarioOfThisFeatureToRun(int position)
    {
        var started = StartedByFeature[feature.FeatureInfo.Title].ToList();
        started.Should().HaveCount(position, "scenario {0} of '{1}' runs after the {2} declared before it", position, feature.FeatureInfo.Title, position - 1);
        started[^1].Should().Be(scenario.ScenarioInfo.Title);
    }

    [Then("no scenario of another feature is running")]
    public void ThenNoScenarioOfAnotherFeatureIsRunning() =>
        Running.Where(r => r.Key != scenario).Select(r => r.Value).Should().BeEmpty("a feature tagged @serial runs alone");
}
