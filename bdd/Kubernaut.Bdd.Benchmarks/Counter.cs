namespace Kubernaut.Bdd.Benchmarks;

/// <summary>The work of one benchmark scenario or fact: trivial on purpose, so the comparison measures the runtime.</summary>
public sealed class Counter
{
    public int Value { get; private set; }

    public void Start(int value) => Value = value;

    public void Increase(int by) => Value += by;

    public void AssertValue(int expected) => Assert.Equal(expected, Value);

    public void AssertParity(string parity) => Assert.Equal(parity, Value % 2 == 0 ? "even" : "odd");
}
