using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Cck.Samples.UnknownParameterType;

/// <summary>Port of unknown-parameter-type.ts: {airport} is never defined.</summary>
[Binding, CckSample("unknown-parameter-type")]
public sealed class UnknownParameterTypeSteps
{
    [Given("{airport} is closed because of a strike")]
    public void AirportIsClosedBecauseOfAStrike(string airport) =>
        throw new Exception("Should not be called because airport parameter type has not been defined");
}
