namespace Kubernaut.Kubernetes.Client.Tests.Support;

/// <summary>A clock the test moves by hand, for credential expiry.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
