using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.GlobalHooksAfterallError;

/// <summary>Port of global-hooks-afterall-error.ts.</summary>
[Binding, CckSample("global-hooks-afterall-error")]
public sealed class GlobalHooksAfterallErrorSteps
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

    [AfterTestRun]
    public static void FirstAfterAll()
    {
    }

    [AfterTestRun]
    public static void FailingAfterAll() => throw new Exception("AfterAll hook went wrong");

    [AfterTestRun]
    public static void ThirdAfterAll()
    {
    }
}
