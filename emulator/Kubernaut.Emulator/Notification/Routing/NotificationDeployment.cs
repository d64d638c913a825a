using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;
using Kubernaut.Emulator.Notification.Receivers;

namespace Kubernaut.Emulator.Notification.Routing;

/// <summary>
/// The objects Kubernaut's E2E suite deploys with the Notification controller (DeployNotificationController): the routing
/// ConfigMap, the delivery-credentials Secret pointing at the mock receivers, the controller ConfigMap, and the
/// ServiceAccounts that write audit to DataStorage with their data-storage-client RoleBindings. Each is created only when absent.
/// </summary>
internal static class NotificationDeployment
{
    /// <summary>
    /// Kubernaut's E2E routing table (receivers selected by extensions["test-channel-set"], root receiver default-console),
    /// plus webhook and TLS receivers that exercise the emulator's mock receivers.
    /// </summary>
    public static string DefaultRoutingYaml(Uri receivers)
    {
        var yaml = new StringBuilder();
        yaml.Append("""
            # Alertmanager-style routing (BR-NOT-065/066): first matching route wins; continue: true fans out.
            route:
              receiver: default-console
              routes:

            """);
        foreach (var (set, receiver, continues) in Routes)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                    - match:
                        test-channel-set: {set}
                      receiver: {receiver}

                """);
            if (continues)
            {
                yaml.Append("      continue: true\n");
            }
        }
        yaml.Append(CultureInfo.InvariantCulture, $$"""
            receivers:
              - name: default-console
                consoleConfigs: [{{Enabled}}]
              - name: console-file-log
                consoleConfigs: [{{Enabled}}]
                fileConfigs: [{{Enabled}}]
                logConfigs: [{{Enabled}}]
              - name: console-file
                consoleConfigs: [{{Enabled}}]
                fileConfigs: [{{Enabled}}]
              - name: file-only
                fileConfigs: [{{Enabled}}]
              - name: log-only
                logConfigs: [{{Enabled}}]
              - name: slack-success
                slackConfigs: [{{Slack("#test-success", "slack-success")}}]
              - name: slack-failure
                slackConfigs: [{{Slack("#test-failure", "slack-failure")}}]
              - name: console-slack-success
                consoleConfigs: [{{Enabled}}]
                slackConfigs: [{{Slack("#test-success", "slack-success")}}]
              - name: console-slack-failure
                consoleConfigs: [{{Enabled}}]
                slackConfigs: [{{Slack("#test-failure", "slack-failure")}}]
              - name: fanout-console
                consoleConfigs: [{{Enabled}}]
              - name: fanout-file-log
                fileConfigs: [{{Enabled}}]
                logConfigs: [{{Enabled}}]
              - name: pagerduty-success
                pagerdutyConfigs: [{credentialRef: pagerduty-routing-key, url: "{{new Uri(receivers, "pagerduty")}}"}]
              - name: pagerduty-failure
                pagerdutyConfigs: [{credentialRef: pagerduty-routing-key, url: "{{new Uri(receivers, "pagerduty/fail")}}"}]
              - name: teams-success
                teamsConfigs: [{credentialRef: teams-success}]
              - name: teams-failure
                teamsConfigs: [{credentialRef: teams-failure}]
              - name: webhook-success
                webhookConfigs: [{url: "{{new Uri(receivers, "webhook")}}"}]
              - name: webhook-failure
                webhookConfigs: [{url: "{{new Uri(receivers, "webhook/fail")}}"}]
              - name: slack-tls-valid
                slackConfigs: [{{Slack("#test-tls", "slack-tls-valid")}}]
              - name: slack-tls-self-signed
                slackConfigs: [{{Slack("#test-tls", "slack-tls-self-signed")}}]
              - name: slack-tls-expired
                slackConfigs: [{{Slack("#test-tls", "slack-tls-expired")}}]
              - name: slack-tls-wrong-host
                slackConfigs: [{{Slack("#test-tls", "slack-tls-wrong-host")}}]

            """);
        return yaml.ToString();
    }

    /// <summary>Credentials the routing table references: webhook URLs of the mock receivers, a mock PagerDuty routing key.</summary>
    public static IReadOnlyDictionary<string, string> DefaultCredentials(Uri receivers, TlsReceiverAddresses tls) => new Dictionary<string, string>
    {
        ["slack-success"] = new Uri(receivers, "webhook").ToString(),
        ["slack-failure"] = new Uri(receivers, "webhook/fail").ToString(),
        ["pagerduty-routing-key"] = "mock-routing-key",
        ["teams-success"] = new Uri(receivers, "teams").ToString(),
        ["teams-failure"] = new Uri(receivers, "teams/fail").ToString(),
        ["slack-tls-valid"] = new Uri(tls.ValidCertificate, "webhook").ToString(),
        ["slack-tls-self-signed"] = new Uri(tls.SelfSignedCertificate, "webhook").ToString(),
        ["slack-tls-expired"] = new Uri(tls.ExpiredCertificate, "webhook").ToString(),
        ["slack-tls-wrong-host"] = new Uri(tls.WrongHostCertificate, "webhook").ToString(),
    };

    public static void Ensure(ObjectStore store, NotificationControllerOptions options, MockReceivers receivers, Uri dataStorageApi, string outputDirectory)
    {
        var ns = options.Namespace;
        CreateIfAbsent(store, ResourceKinds.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        CreateIfAbsent(store, ResourceKinds.ConfigMap, new JsonObject
        {
            ["metadata"] = Metadata(options.RoutingConfigMapName, ns),
            ["data"] = new JsonObject { [options.RoutingConfigKey] = DefaultRoutingYaml(receivers.BaseAddress) },
        });
        var data = new JsonObject();
        foreach (var (key, value) in DefaultCredentials(receivers.BaseAddress, receivers.Tls))
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }
        CreateIfAbsent(store, ResourceKinds.Secret, new JsonObject { ["metadata"] = Metadata(NotificationNames.CredentialsSecret, ns), ["type"] = "Opaque", ["data"] = data });
        CreateIfAbsent(store, ResourceKinds.ConfigMap, new JsonObject
        {
            ["metadata"] = Metadata(NotificationNames.ControllerConfigMap, ns),
            ["data"] = new JsonObject { ["config.yaml"] = ControllerConfigYaml(options, dataStorageApi, outputDirectory) },
        });
        foreach (var serviceAccount in new[] { NotificationNames.Controller, NotificationNames.AuthWebhook })
        {
            CreateIfAbsent(store, ResourceKinds.ServiceAccount, new JsonObject { ["metadata"] = Metadata(serviceAccount, ns) });
            CreateIfAbsent(store, ResourceKinds.RoleBinding, new JsonObject
            {
                ["metadata"] = Metadata($"{serviceAccount}-{NotificationNames.DataStorageClientRole}", ns),
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = NotificationNames.DataStorageClientRole },
                ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = serviceAccount, ["namespace"] = ns }),
            });
        }
    }

    /// <summary>What the controller runs with, in the shape of Kubernaut's notification-controller-config (informational).</summary>
    private static string ControllerConfigYaml(NotificationControllerOptions options, Uri dataStorageApi, string outputDirectory) => string.Create(CultureInfo.InvariantCulture, $"""
        controller:
          metricsAddr: ":{options.MetricsPort}"
          healthProbeAddr: ":{options.MetricsPort}"
        delivery:
          console:
            enabled: true
          log:
            enabled: true
          file:
            outputDir: "{outputDirectory.Replace("\\", "/", StringComparison.Ordinal)}"
            format: json
            timeout: 5s
          slack:
            timeout: {options.DeliveryTimeout.TotalSeconds}s
        datastorage:
          url: "{dataStorageApi}"
          healthUrl: "{options.DataStorageHealthUrl}"
          buffer:
            bufferSize: {options.AuditBufferSize}
            batchSize: {options.AuditBatchSize}
            flushInterval: {options.AuditFlushInterval.TotalSeconds}s
            maxRetries: {options.AuditMaxRetries}

        """);

    private static readonly (string Set, string Receiver, bool Continue)[] Routes =
    [
        ("console-file-log", "console-file-log", false),
        ("console-file", "console-file", false),
        ("file-only", "file-only", false),
        ("log-only", "log-only", false),
        ("slack-success", "slack-success", false),
        ("slack-failure", "slack-failure", false),
        ("console-slack-success", "console-slack-success", false),
        ("console-slack-failure", "console-slack-failure", false),
        ("e2e-fanout", "fanout-console", true),
        ("e2e-fanout", "fanout-file-log", false),
        ("pagerduty-success", "pagerduty-success", false),
        ("pagerduty-failure", "pagerduty-failure", false),
        ("teams-success", "teams-success", false),
        ("teams-failure", "teams-failure", false),
        ("webhook-success", "webhook-success", false),
        ("webhook-failure", "webhook-failure", false),
        ("slack-tls-valid", "slack-tls-valid", false),
        ("slack-tls-self-signed", "slack-tls-self-signed", false),
        ("slack-tls-expired", "slack-tls-expired", false),
        ("slack-tls-wrong-host", "slack-tls-wrong-host", false),
    ];

    private const string Enabled = "{enabled: true}";

    private static string Slack(string channel, string credentialRef) => $"{{channel: \"{channel}\", credentialRef: {credentialRef}}}";

    private static JsonObject Metadata(string name, string @namespace) => new()
    {
        ["name"] = name,
        ["namespace"] = @namespace,
        ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "kubernaut", ["app.kubernetes.io/component"] = "notification" },
    };

    private static void CreateIfAbsent(ObjectStore store, ResourceKind kind, JsonObject obj)
    {
        try
        {
            store.Create(kind, obj);
        }
        catch (ApiException ex) when (ex.Code == HttpStatusCode.Conflict)
        {
            // Already deployed (by the host, a previous start or the user): keep theirs.
        }
    }
}
