using System.Text;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Notification.Delivery;

/// <summary>
/// Resolves a receiver's credentialRef from the Secret delivery-credentials, read at delivery time as the controller reads
/// its projected volume (so repointing a receiver is a Secret update).
/// </summary>
internal sealed class DeliveryCredentials(ObjectStore store, string @namespace)
{
    /// <returns>The credential, or null with <paramref name="problem"/> explaining what is missing and how to add it.</returns>
    public string? Resolve(string? credentialRef, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(credentialRef))
        {
            problem = "the receiver config has no credentialRef: set credentialRef to a key of Secret " + Where;
            return null;
        }
        var secret = store.Get(ResourceKinds.Secret, @namespace, NotificationNames.CredentialsSecret);
        if (secret is null)
        {
            problem = $"Secret {Where} does not exist: create it with key \"{credentialRef}\"";
            return null;
        }
        if (secret["stringData"]?[credentialRef] is { } plain)
        {
            return plain.ToString().Trim();
        }
        if (secret["data"]?[credentialRef] is { } encoded)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(encoded.ToString())).Trim();
            }
            catch (FormatException)
            {
                problem = $"Secret {Where} key \"{credentialRef}\" is not valid base64";
                return null;
            }
        }
        problem = $"credential \"{credentialRef}\" not found in Secret {Where}: add the key";
        return null;
    }

    private string Where => $"{@namespace}/{NotificationNames.CredentialsSecret}";
}
