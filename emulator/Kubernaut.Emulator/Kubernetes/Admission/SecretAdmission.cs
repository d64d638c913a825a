using System.Text;
using System.Text.Json.Nodes;

namespace Kubernaut.Emulator.Kubernetes.Admission;

/// <summary>Secrets as the API server stores them: type Opaque by default, stringData merged into data (base64) and dropped.</summary>
public sealed class SecretAdmission : IAdmissionPlugin
{
    public bool Handles(ResourceKind kind) => kind == ResourceKinds.Secret;

    public void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionOperation.Delete || request.Object is not { } secret)
        {
            return;
        }
        secret.TryAdd("type", "Opaque");
        if (secret["stringData"] is not JsonObject stringData)
        {
            return;
        }
        if (secret["data"] is not JsonObject data)
        {
            data = new JsonObject();
            secret["data"] = data;
        }
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.ToString() ?? ""));
        }
        secret.Remove("stringData");
    }
}
