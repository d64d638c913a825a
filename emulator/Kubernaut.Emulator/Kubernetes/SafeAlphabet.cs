namespace Kubernaut.Emulator.Kubernetes;

/// <summary>
/// The alphabet Kubernetes builds generated name parts from (k8s.io/apimachinery util/rand): no vowels and no
/// look-alike digits. generateName suffixes and pod-template-hash values both use it.
/// </summary>
internal static class SafeAlphabet
{
    public const string Characters = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Five random characters of the alphabet, as generateName appends.</summary>
    public static string RandomSuffix() => string.Create(5, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Characters[Random.Shared.Next(Characters.Length)];
        }
    });
}
