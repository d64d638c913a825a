using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.GlobalHooks;

/// <summary>Port of global-hooks.ts: BeforeAll/AfterAll are [BeforeTestRun]/[AfterTestRun].</summary>
[Binding, CckSample("global-hooks")]
public sealed class GlobalHooksSteps
{
    [BeforeTestRun]
    public static void FirstBeforeAll()
    {
    }

    [BeforeTestRun]
    public static void SecondBeforeAll()
    {
    }

    [When("a step passes")]
    public void AStepPasses()
    {
    }

    [When("a step fails")]
    public void AStepFails() => throw new Exception("Exception in step");

    [AfterTestRun]
    public static void FirstAfterAll()
    {
    }

    [AfterTestRun]
    public static void SecondAfterAll()
    {
    }
}
