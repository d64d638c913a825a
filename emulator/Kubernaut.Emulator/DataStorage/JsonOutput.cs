using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.DataStorage;

/// <summary>How every DataStorage response body is written.</summary>
internal static class JsonOutput
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    // Readable non-ASCII (as Go's encoder writes it); JSON stays valid either way.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpResponse response, int status, string contentType, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }
}
