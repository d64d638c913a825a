using System.Text.Json.Nodes;
using Kubernaut.Emulator.Security;

namespace Kubernaut.Emulator.Kubernetes;

public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
}

/// <summary>
/// What an admission plugin sees: the incoming object (mutable: defaulting changes it in place), the stored object on
/// update/delete, the caller, and the subresource ("status") when only status is written.
/// </summary>
public sealed record AdmissionRequest(
    AdmissionOperation Operation,
    ResourceKind Kind,
    JsonObject? Object,
    JsonObject? OldObject,
    UserInfo? User,
    string? Subresource);

/// <summary>
/// Mutating + validating admission for one resource kind, run inside the store before a write is committed:
/// throw <see cref="ApiException"/> to reject (e.g. 422 Invalid); mutate <see cref="AdmissionRequest.Object"/> to default.
/// Plugins on Delete see the object being deleted (how the emulated auth webhook attributes deletions).
/// </summary>
public interface IAdmissionPlugin
{
    bool Handles(ResourceKind kind);

    void Admit(AdmissionRequest request);
}
