using System.Text.RegularExpressions;

namespace Kubernaut.Emulator.Notification.Delivery;

/// <summary>
/// Redacts secrets from a notification's subject and body before any channel sees them (BR-NOT-054), in the form the
/// E2E file tests expect: "password: [REDACTED]", "api_key: [REDACTED]", "token: [REDACTED]".
/// </summary>
internal static partial class Sanitizer
{
    public const string Redacted = "[REDACTED]";

    private const string SecretKeys = @"client[_-]?secret|access[_-]?token|refresh[_-]?token|api[_-]?key|apikey|password|passwd|pwd|secret|token|credentials?";
    private const string SecretValue = @"""[^""]*""|'[^']*'|[^\s,;""'}\]]+";

    public static string Sanitize(string text)
    {
        var result = PrivateKey().Replace(text, Redacted);
        result = QuotedKeyValue().Replace(result, m => $"\"{m.Groups["key"].Value}\": \"{Redacted}\"");
        result = KeyValue().Replace(result, m => $"{m.Groups["key"].Value}: {Redacted}");
        result = BearerToken().Replace(result, $"Bearer {Redacted}");
        result = UrlPassword().Replace(result, $"://$1:{Redacted}@");
        return KnownTokenFormats().Replace(result, Redacted);
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"""(?<key>" + SecretKeys + @")""\s*:\s*""[^""]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedKeyValue();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<key>" + SecretKeys + @")\s*[:=]\s*(?:" + SecretValue + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?i)\bBearer\s+(?!\[REDACTED\])[A-Za-z0-9\-_\.=+/]+")]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"://([^:/@\s]+):([^@\s]+)@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_\-]{8,}|ghp_[A-Za-z0-9]{20,})")]
    private static partial Regex KnownTokenFormats();
}
