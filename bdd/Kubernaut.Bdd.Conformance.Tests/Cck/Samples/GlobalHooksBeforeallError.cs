using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.GlobalHooksBeforeallError;

/// <summary>Port of global-hooks-beforeall-error.ts.</summary>
[Binding, CckSample("global-hooks-beforeall-error")]
public sealed class GlobalHooksBeforeallErrorSteps
{
    [BeforeTestRun]
    public static void FirstBeforeAll()
    {
    }

    [BeforeTestRun]
    public static void FailingBeforeAll() => throw new Exception("BeforeAll hook went wrong");

    [BeforeTestRun]
    public static void ThirdBeforeAll()
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
    public static void SecondAfterAll()
    {
    }
}
