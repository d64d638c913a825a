using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubernaut.Kubernetes.Client.Tls;

namespace Kubernaut.Kubernetes.Client.Config;

/// <summary>A kubeconfig <c>users[].user.exec</c> entry plus what the plugin may ask about the cluster.</summary>
public sealed record ExecCredentialSettings
{
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    public required string Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Set on top of this process's environment.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary><see cref="V1"/> or <see cref="V1Beta1"/>.</summary>
    public string ApiVersion { get; init; } = V1;

    public string? InstallHint { get; init; }

    /// <summary>Never, IfAvailable or Always; this client is never interactive.</summary>
    public string? InteractiveMode { get; init; }

    /// <summary>Sent in KUBERNETES_EXEC_INFO when the kubeconfig sets provideClusterInfo.</summary>
    public ExecClusterInfo? Cluster { get; init; }

    /// <summary>The kubeconfig user, for messages.</summary>
    public string? UserName { get; init; }

    /// <summary>The kubeconfig file that defines the user, for messages.</summary>
    public string? KubeconfigPath { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Names the command only: arguments and environment may carry secrets.</summary>
    public override string ToString() => $"exec plugin \"{Command}\" ({ApiVersion})";
}

/// <summary>The cluster as an exec plugin sees it (ExecCredential spec.cluster).</summary>
public sealed record ExecClusterInfo(string Server, string? TlsServerName, bool InsecureSkipTlsVerify, byte[]? CertificateAuthorityData, string? ProxyUrl);

/// <summary>
/// Runs the plugin, caches its credential until <c>status.expirationTimestamp</c> (for ever without one), and runs
/// it again after a 401. One plugin run at a time; stdin is closed because this client is never interactive.
/// </summary>
internal sealed class ExecCredentials(ExecCredentialSettings settings, TimeProvider timeProvider) : KubernetesCredentials
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile CachedCredential? cached;

    internal override bool RefreshesOnUnauthorized => true;

    private string Subject => $"exec plugin \"{settings.Command}\" of user \"{settings.UserName}\"" +
        (settings.KubeconfigPath is null ? "" : $" in kubeconfig {settings.KubeconfigPath}");

    internal override async ValueTask<Credential> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } credential)
        {
            return credential;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } refreshed)
            {
                return refreshed;
            }

            var obtained = await RunPluginAsync(cancellationToken);
            cached = obtained;
            return obtained.Credential;
        }
        finally
        {
            gate.Release();
        }
    }

    internal override void Invalidate(Credential rejected)
    {
        if (cached is { } current && ReferenceEquals(current.Credential, rejected))
        {
            cached = null;
        }
    }

    public override string ToString() => $"the exec plugin \"{settings.Command}\"";

    private Credential? Fresh() =>
        cached is { } current && (current.ExpiresAt is null || timeProvider.GetUtcNow() < current.ExpiresAt)
            ? current.Credential
            : null;

    private async Task<CachedCredential> RunPluginAsync(CancellationToken cancellationToken)
    {
        if (settings.ApiVersion is not (ExecCredentialSettings.V1 or ExecCredentialSettings.V1Beta1))
        {
            throw Failure($"its apiVersion \"{settings.ApiVersion}\" is not supported",
                $"set users[].user.exec.apiVersion to {ExecCredentialSettings.V1} (or {ExecCredentialSettings.V1Beta1})");
        }

        if (settings.InteractiveMode == "Always")
        {
            throw Failure("it requires an interactive terminal (interactiveMode: Always), which an automated client cannot provide",
                "set interactiveMode to IfAvailable or Never, or log in with the plugin beforehand so it needs no input");
        }

        var output = await ExecuteAsync(cancellationToken);
        return Parse(output);
    }

    private async Task<string> ExecuteAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(settings.Command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in settings.Args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings.Environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo();

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw Failure($"the command cannot be started ({exception.Message.TrimEnd('.')})",
                settings.InstallHint is { Length: > 0 } hint
                    ? $"install the plugin: {hint.Trim()}"
                    : "install the plugin or set users[].user.exec.command to its full path");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the deadline and the kill.
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw Failure($"it did not finish within {settings.Timeout.TotalSeconds:0.#} s",
                "run the command by hand to see where it waits (a login prompt, an unreachable identity provider)");
        }

        var errorText = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw Failure($"it exited with code {process.ExitCode}{(errorText.Length == 0 ? "" : $": {Tail(errorText)}")}",
                settings.InstallHint is { Length: > 0 } hint
                    ? $"run the command by hand to see the error. {hint.Trim()}"
                    : "run the command by hand to see the error (expired login, wrong profile, missing permissions)");
        }

        return await stdout;
    }

    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (settings.Cluster is { } cluster)
        {
            spec["cluster"] = new JsonObject
            {
                ["server"] = cluster.Server,
                ["tls-server-name"] = cluster.TlsServerName,
                ["insecure-skip-tls-verify"] = cluster.InsecureSkipTlsVerify,
                ["certificate-authority-data"] = cluster.CertificateAuthorityData is null ? null : Convert.ToBase64String(cluster.CertificateAuthorityData),
                ["proxy-url"] = cluster.ProxyUrl,
            };
        }

        return new JsonObject { ["apiVersion"] = settings.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec }.ToJsonString();
    }

    private CachedCredential Parse(string output)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(output);
        }
        catch (JsonException exception)
        {
            // Neither the output nor the parser's message (which quotes it) is shown: it may hold a credential.
            throw Failure($"it printed output that is not JSON (invalid at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}; output not shown)",
                "make the plugin print an ExecCredential object on stdout and everything else on stderr");
        }

        if (document?["kind"]?.GetValue<string>() != "ExecCredential")
        {
            throw Failure("its output is not an ExecCredential object (kind is missing or different)",
                "make the plugin print {\"apiVersion\": ..., \"kind\": \"ExecCredential\", \"status\": {...}}");
        }

        var apiVersion = document["apiVersion"]?.GetValue<string>();
        if (apiVersion != settings.ApiVersion)
        {
            throw Failure($"it returned apiVersion \"{apiVersion}\" but the kubeconfig asks for \"{settings.ApiVersion}\"",
                "set users[].user.exec.apiVersion to the version the plugin speaks");
        }

        var status = document["status"] as JsonObject
            ?? throw Failure("its ExecCredential has no status", "make the plugin return status.token or status.clientCertificateData/clientKeyData");
        var token = status["token"]?.GetValue<string>();
        var certificatePem = status["clientCertificateData"]?.GetValue<string>();
        var keyPem = status["clientKeyData"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token) && (string.IsNullOrEmpty(certificatePem) || string.IsNullOrEmpty(keyPem)))
        {
            throw Failure("its ExecCredential status has neither a token nor both clientCertificateData and clientKeyData",
                "make the plugin return status.token or status.clientCertificateData with status.clientKeyData");
        }

        return new CachedCredential(
            new Credential(
                string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token),
                string.IsNullOrEmpty(certificatePem) || string.IsNullOrEmpty(keyPem) ? null : ClientCertificate(certificatePem, keyPem)),
            ExpirationOf(status));
    }

    private X509Certificate2 ClientCertificate(string certificatePem, string keyPem)
    {
        try
        {
            return PemCertificates.ReadClientCertificate(certificatePem, keyPem);
        }
        catch (InvalidDataException exception)
        {
            throw Failure($"its client certificate cannot be used: {exception.Message}", "make the plugin return a PEM certificate and its unencrypted PEM key");
        }
    }

    private DateTimeOffset? ExpirationOf(JsonObject status)
    {
        var text = status["expirationTimestamp"]?.GetValue<string>();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt))
        {
            throw Failure($"its status.expirationTimestamp \"{text}\" is not an RFC 3339 time", "make the plugin write e.g. 2030-01-01T00:00:00Z");
        }

        return expiresAt;
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }

    private ExecCredentialException Failure(string cause, string fix) => new(Subject, cause, fix);

    /// <summary>Immutable, so readers outside the gate never see half an update.</summary>
    private sealed record CachedCredential(Credential Credential, DateTimeOffset? ExpiresAt);
}
