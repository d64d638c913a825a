using Reqnroll;

namespace Kubernaut.Bdd.Tests.Steps;

/// <summary>A scenario-scoped object: created once per scenario for every class that asks, disposed at its end.</summary>
public sealed class ScenarioNotebook : IDisposable
{
    public List<(string Writer, ScenarioContext Scenario, FeatureContext Feature, RunRegistry Run, ScenarioNotebook Notebook)> Entries { get; } = [];

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

[Binding]
public sealed class FirstInjectionSteps(ScenarioContext scenario, FeatureContext feature, RunRegistry run, ScenarioNotebook notebook)
{
    private const string PreviousKey = "previous scenario";

    [Given("the first step class notes the objects it was given")]
    public void Note() => notebook.Entries.Add(("first", scenario, feature, run, notebook));

    [Then("both step classes were given the same scenario objects")]
    public void ThenBothWereGivenTheSameObjects()
    {
        notebook.Entries.Select(e => e.Writer).Should().Equal("first", "second");
        var (first, second) = (notebook.Entries[0], notebook.Entries[1]);
        second.Scenario.Should().BeSameAs(first.Scenario);
        second.Notebook.Should().BeSameAs(first.Notebook);
        second.Feature.Should().BeSameAs(first.Feature);
        second.Run.Should().BeSameAs(first.Run);
    }

    [Then("its scenario objects differ from the previous scenario's")]
    public void ThenItsScenarioObjectsDiffer()
    {
        var previous = feature.Get<ScenarioNotebook>(PreviousKey);
        previous.Entries[0].Scenario.Should().NotBeSameAs(scenario);
        previous.Should().NotBeSameAs(notebook);
    }

    [Then("its feature context and run registry are the previous scenario's")]
    public void ThenFeatureAndRunObjectsAreShared()
    {
        var previous = feature.Get<ScenarioNotebook>(PreviousKey).Entries[0];
        previous.Feature.Should().BeSameAs(feature);
        previous.Run.Should().BeSameAs(run);
    }

    [Then("the previous scenario's objects were disposed")]
    public void ThenThePreviousObjectsWereDisposed() => feature.Get<ScenarioNotebook>(PreviousKey).Disposed.Should().BeTrue();

    [AfterScenario("@injection")]
    public void KeepForTheNextScenario() => feature.Set(notebook, PreviousKey);
}

[Binding]
public sealed class SecondInjectionSteps(ScenarioContext scenario, FeatureContext feature, RunRegistry run, ScenarioNotebook notebook)
{
    [When("the second step class notes the objects it was given")]
    public void Note() => notebook.Entries.Add(("second", scenario, feature, run, notebook));
}
