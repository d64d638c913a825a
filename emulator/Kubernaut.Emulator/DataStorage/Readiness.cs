using Kubernaut.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>DataStorage's /healthz and /readyz answers, shared by the health port and the API port.</summary>
internal sealed class Readiness(FaultPlan faults, TimeProvider time)
{
    public const string InjectedFaultReason = "injected fault: DataStorage readiness failing (FaultPlan.FailDataStorageReadiness)";

    private volatile bool _shuttingDown;

    /// <summary>Why /readyz answers 503, or null when ready.</summary>
    public string? NotReadyReason =>
        _shuttingDown ? "shutting_down"
        : faults.DataStorageReadinessFailing ? InjectedFaultReason
        : null;

    public void BeginShutdown() => _shuttingDown = true;

    public Task WriteReadyzAsync(HttpContext context)
    {
        var reason = NotReadyReason;
        return JsonOutput.WriteAsync(context.Response, reason is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, JsonOutput.Json, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", reason is null ? "ready" : "not_ready");
            if (reason is not null)
            {
                json.WriteString("reason", reason);
            }
            json.WriteEndObject();
        });
    }

    public Task WriteHealthzAsync(HttpContext context) =>
        JsonOutput.WriteAsync(context.Response, StatusCodes.Status200OK, JsonOutput.Json, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "healthy");
            json.WriteString("timestamp", TimeFormats.FormatRfc3339(time.GetUtcNow()));
            json.WriteEndObject();
        });
}
