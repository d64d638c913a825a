using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.ParameterTypes;

public sealed record Flight(string From, string To);

/// <summary>Port of parameter-types.ts: the {flight} parameter type is a named step argument transformation.</summary>
[Binding, CckSample("parameter-types")]
public sealed class ParameterTypesSteps
{
    [StepArgumentTransformation("([A-Z]{3})-([A-Z]{3})", Name = "flight")]
    public Flight ToFlight(string from, string to) => new(from, to);

    [Given("{flight} has been delayed")]
    public void FlightHasBeenDelayed(Flight flight)
    {
        NodeAssert.StrictEqual(flight.From, "LHR");
        NodeAssert.StrictEqual(flight.To, "CDG");
    }
}
