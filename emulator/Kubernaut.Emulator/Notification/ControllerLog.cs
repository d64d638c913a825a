using System.Globalization;
using System.Text;
using System.Text.Json;
using Kubernaut.Emulator.Kubernetes;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Notification;

/// <summary>
/// The stdout of an emulated deployment (notification-controller, authwebhook): structured JSON lines, as zap prints them,
/// appended to the <see cref="PodLogBook"/> so `kubectl logs deploy/notification-controller` shows them, and mirrored to
/// the host's logger. Callers never pass secrets or tokens.
/// </summary>
internal sealed class ControllerLog(PodLogBook book, string @namespace, string deployment, ILogger logger, TimeProvider time)
{
    private readonly object _blockGate = new();

    public void Info(string message, params (string Key, object? Value)[] fields) => Write("info", message, null, fields);

    public void Error(string message, string error, params (string Key, object? Value)[] fields) => Write("error", message, error, fields);

    /// <summary>Several lines that must stay together (console channel output).</summary>
    public void Block(IEnumerable<string> lines)
    {
        lock (_blockGate)
        {
            foreach (var line in lines)
            {
                book.Append(@namespace, deployment, line);
            }
        }
    }

    private void Write(string level, string message, string? error, (string Key, object? Value)[] fields)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("level", level);
            json.WriteString("ts", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("logger", deployment);
            json.WriteString("msg", message);
            foreach (var (key, value) in fields)
            {
                WriteField(json, key, value);
            }
            if (error is not null)
            {
                json.WriteString("error", error);
            }
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.ToArray());
        book.Append(@namespace, deployment, line);
        if (level == "error")
        {
            logger.LogWarning("{Deployment}: {Line}", deployment, line);
        }
        else
        {
            logger.LogDebug("{Deployment}: {Line}", deployment, line);
        }
    }

    private static void WriteField(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int or long or double:
                json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> items:
                json.WriteStartArray(key);
                foreach (var item in items)
                {
                    json.WriteStringValue(item);
                }
                json.WriteEndArray();
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
