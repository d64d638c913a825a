using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes.Workloads;

namespace Kubernaut.Emulator.Tests.Kubernetes.Support;

/// <summary>
/// One emulator for the API tests of a class. Tests isolate themselves with their own namespace
/// (<see cref="NewNamespaceAsync"/>); tests that arm faults start their own <see cref="EmulatorHost"/>.
/// </summary>
public sealed class SharedEmulator : IAsyncLifetime
{
    private int _namespaces;

    public EmulatorHost Host { get; private set; } = null!;

    /// <summary>Crash loops restart every 50-400 ms instead of 10 s-5 min, so tests see restartCount grow quickly.</summary>
    public static readonly WorkloadTimings FastCrashLoops = new() { CrashLoopBackOffInitial = TimeSpan.FromMilliseconds(50), CrashLoopBackOffMax = TimeSpan.FromMilliseconds(400) };

    public async ValueTask InitializeAsync() => Host = await EmulatorHost.StartAsync(new EmulatorOptions { Workloads = FastCrashLoops });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    internal ApiClient Client(string? token = null) => new(Host, token);

    /// <summary>Creates a fresh namespace for one test and returns its name.</summary>
    internal async Task<string> NewNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        using var client = Client();
        (await client.PostAsync("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } })).Expect(System.Net.HttpStatusCode.Created);
        return name;
    }
}
