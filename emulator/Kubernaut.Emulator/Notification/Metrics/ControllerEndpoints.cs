using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Notification.Metrics;

/// <summary>
/// The controller's metrics and health probes on one loopback listener: GET /metrics (Prometheus text 0.0.4), /healthz,
/// and /readyz, which fails while the controller pod is held back by a fault or DataStorage is not ready (#1985).
/// </summary>
internal static class ControllerEndpoints
{
    public static Task<LoopbackServer> StartAsync(int port, NotificationMetrics metrics, HttpClient http, Uri? dataStorageHealth, FaultPlan faults, string @namespace, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        LoopbackServer.StartAsync("notification-controller metrics", port, null, app =>
        {
            app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
            app.MapGet("/healthz", () => PodFailure(faults, @namespace) is { } failure
                ? Results.Text($"[-]ping failed: {failure}\nhealthz check failed", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("ok"));
            app.MapGet("/readyz", async (HttpContext context) =>
            {
                var failures = new List<string>();
                if (PodFailure(faults, @namespace) is { } failure)
                {
                    failures.Add($"[-]ping failed: {failure}");
                }
                if (dataStorageHealth is not null && await DataStorageProblem(http, dataStorageHealth, context.RequestAborted) is { } problem)
                {
                    failures.Add($"[-]datastorage failed: {problem}");
                }
                return failures.Count == 0
                    ? Results.Text("ok")
                    : Results.Text(string.Join("\n", failures) + "\nreadyz check failed", statusCode: StatusCodes.Status503ServiceUnavailable);
            });
        }, loggerFactory, cancellationToken: cancellationToken);

    private static string? PodFailure(FaultPlan faults, string @namespace) =>
        faults.DeploymentFailure(@namespace, NotificationNames.Controller) is { } failure
            ? $"pod of deployment {NotificationNames.Controller} is not running ({failure})"
            : null;

    private static async Task<string?> DataStorageProblem(HttpClient http, Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(health, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"GET {health} answered {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return $"GET {health} failed: {ex.Message}";
        }
    }
}
