using Kubernaut.Kubernetes.Client;
using Kubernaut.Kubernetes.Client.Models;

namespace Kubernaut.Acceptance.Support;

/// <summary>
/// A namespace of the scenario's own, created on first use and labelled with the run id, so every object a scenario
/// creates is isolated from parallel scenarios and removed exactly (kubernetes-sigs/e2e-framework style).
/// </summary>
public sealed class ScenarioNamespace(KubernetesClient kubernetes, RunIdentity run)
{
    private string? _name;

    public bool Created => _name is not null;

    /// <summary>The namespace's name; creates it the first time.</summary>
    public async Task<string> EnsureAsync(string purpose, CancellationToken cancellationToken)
    {
        if (_name is not null)
        {
            return _name;
        }
        var name = run.UniqueName(purpose);
        await kubernetes.Resources<Namespace>().CreateAsync(new Namespace
        {
            Metadata = { Name = name, Labels = new Dictionary<string, string> { [RunIdentity.LabelKey] = run.Id } },
        }, cancellationToken).ConfigureAwait(false);
        _name = name;
        return name;
    }

    public string Name => _name ?? throw new InvalidOperationException("The scenario namespace has not been created yet: call EnsureAsync first.");

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (_name is not null)
        {
            await kubernetes.Resources<Namespace>().DeleteIfExistsAsync(_name, null, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
