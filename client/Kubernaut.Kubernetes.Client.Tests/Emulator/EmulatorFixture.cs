using Kubernaut.Emulator;

namespace Kubernaut.Kubernetes.Client.Tests.Emulator;

/// <summary>One in-process Kubernaut Emulator per test class, reached through the kubeconfig it writes.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private readonly TempDirectory directory = new();

    public EmulatorHost Emulator { get; private set; } = null!;

    public KubernetesClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { KubeconfigPath = directory.File("kubeconfig") });
        Client = KubernetesClient.FromKubeconfig(new KubeconfigLoadOptions { Path = Emulator.KubeconfigPath });
    }

    /// <summary>A fresh namespace, so tests sharing the emulator never see each other's objects.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await Client.Resources<Namespace>().CreateAsync(new Namespace { Metadata = { Name = name } }, cancellationToken);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        directory.Dispose();
    }
}
