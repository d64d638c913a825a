using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Notification.Model;
using Kubernaut.Emulator.Notification.Routing;

namespace Kubernaut.Emulator.Notification.Delivery;

/// <summary>Outcome of one delivery attempt to one channel. Permanent failures (4xx, TLS validation, missing credential) are not retried.</summary>
internal sealed record DeliveryResult(bool Succeeded, string Error, bool Permanent)
{
    public static readonly DeliveryResult Success = new(true, "", false);

    public static DeliveryResult Retryable(string error) => new(false, error, false);

    public static DeliveryResult PermanentFailure(string error) => new(false, error, true);
}

/// <summary>
/// Delivers a (sanitised) notification to one channel: console and log as controller output, file as one JSON file per
/// delivery, Slack/PagerDuty/Teams/webhook as HTTP(S) POSTs that trust only the emulator CA.
/// </summary>
internal sealed class ChannelDelivery(CaTrustingHttpClient http, DeliveryCredentials credentials, ControllerLog log, string outputDirectory, TimeProvider time)
{
    /// <summary>The PagerDuty Events API, used when a pagerdutyConfig sets no url (unreachable from the emulator).</summary>
    private static readonly Uri PagerDutyEventsApi = new("https://events.pagerduty.com/v2/enqueue");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A copy of the request whose subject and body have secrets redacted; every channel delivers this copy.</summary>
    public static NotificationRequestView Sanitized(NotificationRequestView request)
    {
        var subject = Sanitizer.Sanitize(request.Subject);
        var body = Sanitizer.Sanitize(request.Body);
        var obj = (JsonObject)request.Object.DeepClone();
        if (obj["spec"] is JsonObject spec)
        {
            spec["subject"] = subject;
            spec["body"] = body;
        }
        return request with { Subject = subject, Body = body, Object = obj };
    }

    public async Task<DeliveryResult> DeliverAsync(ChannelTarget target, NotificationRequestView request, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case ChannelKind.Console:
                WriteConsole(request);
                return DeliveryResult.Success;
            case ChannelKind.Log:
                log.Info("Notification delivered", ("channel", "log"), ("notification", request.Name), ("namespace", request.Namespace),
                    ("type", request.Type), ("priority", request.Priority), ("severity", request.Severity), ("subject", request.Subject), ("body", request.Body));
                return DeliveryResult.Success;
            case ChannelKind.File:
                return await WriteFileAsync(request, cancellationToken);
            case ChannelKind.Slack:
                return await PostWithCredentialAsync("slack", target, ReceiverPayloads.Slack(request, target.SlackChannel), cancellationToken);
            case ChannelKind.Teams:
                return await PostWithCredentialAsync("teams", target, ReceiverPayloads.Teams(request), cancellationToken);
            case ChannelKind.PagerDuty:
                var routingKey = credentials.Resolve(target.CredentialRef, out var problem);
                return routingKey is null
                    ? DeliveryResult.PermanentFailure($"pagerduty receiver '{target.Receiver}': {problem}")
                    : await PostAsync("pagerduty", target.Url is null ? PagerDutyEventsApi : new Uri(target.Url), ReceiverPayloads.PagerDuty(request, routingKey), cancellationToken);
            case ChannelKind.Webhook:
                return await PostAsync("webhook", new Uri(target.Url!), ReceiverPayloads.Webhook(request), cancellationToken);
            default:
                return DeliveryResult.PermanentFailure(
                    $"channel not registered: {target.Name} (the emulator delivers console, file, log, slack, pagerduty, teams and webhook)");
        }
    }

    private void WriteConsole(NotificationRequestView request)
    {
        var lines = new List<string>
        {
            $"=== NOTIFICATION [{request.Priority}] {request.Type}: {request.Namespace}/{request.Name} ===",
            $"Subject: {request.Subject}",
        };
        lines.AddRange(request.Body.Split('\n').Select(line => "  " + line.TrimEnd('\r')));
        log.Block(lines);
    }

    /// <summary>notification-&lt;name&gt;-&lt;yyyyMMdd-HHmmss.ffffff&gt;.json holding the NotificationRequest, written atomically (temp file + rename).</summary>
    private async Task<DeliveryResult> WriteFileAsync(NotificationRequestView request, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss.ffffff", CultureInfo.InvariantCulture);
        var path = Path.Combine(outputDirectory, $"notification-{request.Name}-{timestamp}.json");
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(outputDirectory);
            await File.WriteAllTextAsync(temporary, request.Object.ToJsonString(Indented), Encoding.UTF8, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return DeliveryResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DeliveryResult.Retryable($"failed to write notification file {path}: {ex.Message}");
        }
    }

    private async Task<DeliveryResult> PostWithCredentialAsync(string service, ChannelTarget target, JsonObject payload, CancellationToken cancellationToken)
    {
        var credential = credentials.Resolve(target.CredentialRef, out var problem);
        if (credential is null)
        {
            return DeliveryResult.PermanentFailure($"{service} receiver '{target.Receiver}': {problem}");
        }
        if (!Uri.TryCreate(credential, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return DeliveryResult.PermanentFailure($"{service} receiver '{target.Receiver}': credential \"{target.CredentialRef}\" is not an http(s) webhook URL");
        }
        return await PostAsync(service, url, payload, cancellationToken);
    }

    private async Task<DeliveryResult> PostAsync(string service, Uri url, JsonObject payload, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.Client.PostAsync(url, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Success;
            }
            var code = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            body = body.Length > 200 ? body[..200] : body;
            var retryable = code >= 500 || code == 429;
            var error = $"{service} webhook returned {code} ({(retryable ? "retryable" : "permanent failure")}): {body.Trim()}";
            return retryable ? DeliveryResult.Retryable(error) : DeliveryResult.PermanentFailure(error);
        }
        catch (HttpRequestException ex)
        {
            return http.TlsFailure(url, ex) is { } tls
                ? DeliveryResult.PermanentFailure($"TLS certificate validation failed: {tls}")
                : DeliveryResult.Retryable($"{service} webhook request failed: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retryable($"{service} webhook request timed out after {http.Client.Timeout.TotalSeconds:0.#}s");
        }
    }
}
