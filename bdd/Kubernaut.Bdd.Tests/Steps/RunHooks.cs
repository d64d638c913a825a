using Reqnroll;
using Reqnroll.BoDi;

namespace Kubernaut.Bdd.Tests.Steps;

/// <summary>An object of the whole test run, registered by a BeforeTestRun hook and injected into step classes.</summary>
public sealed class RunRegistry
{
    public Guid Id { get; } = Guid.NewGuid();
}

[Binding]
public static class RunHooks
{
    /// <summary>How often the BeforeTestRun hook ran; the Hooks feature checks it ran exactly once, first.</summary>
    public static int BeforeTestRunCalls;

    [BeforeTestRun(Order = 1, Name = "Register the run registry")]
    public static void RegisterRunRegistry(IObjectContainer container)
    {
        Interlocked.Increment(ref BeforeTestRunCalls);
        container.RegisterInstanceAs(new RunRegistry());
    }
}
