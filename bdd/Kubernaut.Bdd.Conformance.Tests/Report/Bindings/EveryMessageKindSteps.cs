using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Report.Bindings;

public sealed record Flight(string From, string To);

/// <summary>
/// Step definitions and hooks of <see cref="MessageSchemaTests"/>: together with its features they make the runtime
/// emit every kind of message it can (run, feature, scenario, step and named hooks, attachments and logs, parameter
/// types, an undefined parameter type, and passed, failed, pending, skipped, undefined and ambiguous steps).
/// </summary>
public sealed class EveryMessageKindSteps(IReqnrollOutputHelper output)
{
    [BeforeTestRun]
    public static void StartTheRun(IReqnrollOutputHelper runOutput) => runOutput.AddAttachment("run configuration", "text/plain", "run.txt");

    [AfterTestRun]
    public static void FinishTheRun()
    {
    }

    [BeforeFeature("@schema")]
    public static void StartTheFeature()
    {
    }

    [BeforeScenario("@schema", Name = "Prepare the scenario")]
    public void PrepareTheScenario() => output.WriteLine("scenario prepared");

    [AfterStep]
    public void AfterEachStep()
    {
    }

    [AfterScenario]
    public void AttachEvidence() => output.AddAttachment([0x89, 0x50, 0x4e, 0x47], "image/png", "evidence.png");

    [StepArgumentTransformation("([A-Z]{3})-([A-Z]{3})", Name = "flight")]
    public Flight ToFlight(string from, string to) => new(from, to);

    [Given("a clean slate")]
    public void ACleanSlate()
    {
    }

    [Given("the flight {flight}")]
    public void TheFlight(Flight flight) => output.WriteLine($"flight from {flight.From} to {flight.To}");

    [When("the following is logged:")]
    public void TheFollowingIsLogged(string text) => output.WriteLine(text);

    [When("these rows are attached:")]
    public void TheseRowsAreAttached(DataTable rows) => output.AddAttachment(rows.ToString(), "text/plain", "rows.txt");

    [When("a link to {string} is attached")]
    public void ALinkIsAttached(string url) => output.AddLink(url);

    [Then("{int} things happened")]
    public void ThingsHappened(int count) => Assert.InRange(count, 1, 3);

    [When("it fails")]
    public void ItFails() => throw new InvalidOperationException("the receiver refused the delivery");

    [When("it is pending")]
    public void ItIsPending() => throw new PendingStepException("not implemented yet");

    [When("it is skipped")]
    public void ItIsSkipped() => Assert.Skip("the receiver is not configured here");

    [When("it is ambiguous")]
    public void ItIsAmbiguous()
    {
    }

    [When(@"^it is ambig(\w+)$")]
    public void ItIsAmbiguousToo(string rest)
    {
    }

    [Given("{airport} is closed")]
    public void AirportIsClosed(string airport)
    {
    }
}
