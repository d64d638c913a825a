using Reqnroll;

namespace Kubernaut.Bdd.Tests.Steps;

/// <summary>Hooks of the Hooks feature (tag @hooks): each writes its name into the feature's hook log.</summary>
[Binding]
public sealed class HookSteps(FeatureContext feature)
{
    private const string LogKey = "hook log";

    [BeforeFeature("@hooks")]
    public static void StartHookLog(FeatureContext feature)
    {
        var log = new List<string>();
        if (RunHooks.BeforeTestRunCalls == 1)
        {
            log.Add("BeforeTestRun");
        }
        log.Add("BeforeFeature");
        feature.Set(log, LogKey);
    }

    // Declared out of order on purpose: Order, not declaration order, decides.
    [BeforeScenario("@hooks", Order = 3)]
    public void BeforeScenarioThird() => Record("BeforeScenario (Order 3)");

    [BeforeScenario("@hooks", Order = 1, Name = "First scenario hook")]
    public void BeforeScenarioFirst() => Record("BeforeScenario (Order 1)");

    [BeforeScenario("@hooks and @tagged", Order = 2)]
    public void BeforeScenarioTagged() => Record("BeforeScenario @tagged (Order 2)");

    [BeforeStep("@hooks")]
    public void BeforeStep() => Record("BeforeStep");

    [AfterStep("@hooks")]
    public void AfterStep() => Record("AfterStep");

    [AfterScenario("@hooks", Order = 2)]
    public void AfterScenarioSecond() => Record("AfterScenario (Order 2)");

    [AfterScenario("@hooks", Order = 1)]
    public void AfterScenarioFirst() => Record("AfterScenario (Order 1)");

    [Then("the hooks that ran so far are")]
    public void ThenTheHooksThatRanSoFarAre(DataTable expected) =>
        Log.Should().Equal(expected.Rows.Select(r => r["hook"]), "hooks run in Order within each kind, filtered by tags");

    private List<string> Log => feature.Get<List<string>>(LogKey);

    private void Record(string hook)
    {
        lock (Log)
        {
            Log.Add(hook);
        }
    }
}
