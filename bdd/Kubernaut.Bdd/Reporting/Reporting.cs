using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;

namespace Kubernaut.Bdd.Reporting;

/// <summary>What rendering the HTML report did, in one line for the run's output.</summary>
/// <param name="Success">False when the report could not be rendered.</param>
/// <param name="Summary">E.g. "HTML report written to /…/report.html (12 scenarios)" or the reason it failed and how to fix it.</param>
public sealed record HtmlRenderOutcome(bool Success, string Summary);

/// <summary>
/// Renders the HTML report from the NDJSON message stream once it is written. Register an implementation in the
/// test-run container (e.g. <c>container.RegisterInstanceAs&lt;IHtmlReportRenderer&gt;(…)</c> in a [BeforeTestRun] hook);
/// without one, the run prints how to render the stream.
/// </summary>
public interface IHtmlReportRenderer
{
    Task<HtmlRenderOutcome> RenderAsync(string ndjsonPath, string htmlPath, CancellationToken cancellationToken);
}

/// <summary>Report file paths: placeholders and resolution against the current directory, as Reqnroll resolves them.</summary>
public static partial class FormatterPaths
{
    /// <summary>
    /// Replaces <c>{timestamp}</c> (UTC, <c>yyyyMMdd-HHmmss</c>) and <c>{env:NAME}</c>, then makes the path absolute
    /// against <paramref name="baseDirectory"/> (the test run's current directory).
    /// </summary>
    /// <exception cref="BddConfigurationException">An {env:NAME} variable is not set.</exception>
    public static string Resolve(string template, DateTimeOffset runStarted, Func<string, string?> environment, string baseDirectory)
    {
        var path = template.Replace("{timestamp}", runStarted.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        path = EnvPlaceholder().Replace(path, match =>
        {
            var name = match.Groups[1].Value;
            return environment(name) is { Length: > 0 } value
                ? value
                : throw new BddConfigurationException($"The report path \"{template}\" uses {{env:{name}}} but the environment variable {name} is not set. Set it, or remove the placeholder from the path.");
        });
        return Path.GetFullPath(path, baseDirectory);
    }

    [GeneratedRegex(@"\{env:([^}]+)\}")]
    private static partial Regex EnvPlaceholder();
}

/// <summary>
/// Writes a message stream as NDJSON atomically: a temporary file next to the target, then a rename. Envelopes are
/// serialized straight to UTF-8 with compile-time metadata; the JSON is the same as <see cref="MessageSerializer"/>'s.
/// </summary>
public static class NdjsonWriter
{
    private const int BufferSize = 1 << 16;

    private const int SourceSegmentLength = 4096;

    public static Task WriteAsync(IEnumerable<Envelope> envelopes, string path, CancellationToken cancellationToken) =>
        ReplaceAtomicallyAsync(path, async temporary =>
        {
            await using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await WriteEnvelopesAsync(envelopes, stream, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Writes NDJSON lines already serialized (e.g. by a spool), in order. They are copied into a pooled buffer and
    /// written a megabyte at a time: a gathering write of thousands of slices pins each of them, which costs more than copying.
    /// </summary>
    internal static Task WriteAsync(IEnumerable<ReadOnlyMemory<byte>> lines, string path, CancellationToken cancellationToken) =>
        ReplaceAtomicallyAsync(path, temporary =>
        {
            using var file = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
            // The spool's pool keeps its buffers; the shared pool may drop a buffer this large at any full collection.
            var buffer = NdjsonSpool.LargeBuffers.Rent(1 << 20);
            try
            {
                long written = 0;
                var used = 0;
                foreach (var line in lines)
                {
                    for (var rest = line.Span; !rest.IsEmpty;)
                    {
                        var count = Math.Min(rest.Length, buffer.Length - used);
                        rest[..count].CopyTo(buffer.AsSpan(used));
                        rest = rest[count..];
                        used += count;
                        if (used == buffer.Length)
                        {
                            RandomAccess.Write(file, buffer.AsSpan(0, used), written);
                            written += used;
                            used = 0;
                        }
                    }
                }
                RandomAccess.Write(file, buffer.AsSpan(0, used), written);
            }
            finally
            {
                NdjsonSpool.LargeBuffers.Return(buffer);
            }
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Has <paramref name="writeTemporary"/> create the file under a temporary name beside it, then renames it; no partial file is left behind.</summary>
    private static async Task ReplaceAtomicallyAsync(string path, Func<string, Task> writeTemporary, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            await writeTemporary(temporary).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Serializes the envelopes, one line each, to the stream.</summary>
    private static async Task WriteEnvelopesAsync(IEnumerable<Envelope> envelopes, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(BufferSize);
        await using var json = CreateJsonWriter(buffer);
        foreach (var envelope in envelopes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteLine(json, buffer, envelope);
            if (buffer.WrittenCount >= BufferSize)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The envelopes' lines.</summary>
    internal static byte[] Serialize(IEnumerable<Envelope> envelopes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = CreateJsonWriter(buffer);
        foreach (var envelope in envelopes)
        {
            WriteLine(json, buffer, envelope);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A writer with the encoder of <see cref="MessageSerializer.Options"/>.</summary>
    internal static Utf8JsonWriter CreateJsonWriter(IBufferWriter<byte> output) =>
        new(output, new JsonWriterOptions { Encoder = MessageSerializer.Options.Encoder, SkipValidation = true });

    /// <summary>
    /// Writes the envelope and its line feed to <paramref name="output"/>, the writer's output. The writer is reset
    /// first, so one writer serves every line.
    /// </summary>
    internal static void WriteLine(Utf8JsonWriter json, IBufferWriter<byte> output, Envelope envelope)
    {
        json.Reset();
        if (envelope.Source is { } source)
        {
            WriteSource(json, source);
        }
        else
        {
            JsonSerializer.Serialize(json, envelope, MessageJsonContext.Default.Envelope);
        }
        json.Flush();
        output.Write("\n"u8);
    }

    /// <summary>
    /// A source envelope as <see cref="MessageSerializer"/> writes it (uri, data, mediaType; nulls left out), with the
    /// feature's text escaped a segment at a time. Escaped whole, a feature of 200,000 characters makes the JSON writer
    /// rent six times its length in characters, an array too large for the shared pool: 2.4 MB on the large object
    /// heap per feature and run. (A converter would do the same, but any converter turns off the compile-time
    /// serializer's fast path for every envelope.)
    /// </summary>
    private static void WriteSource(Utf8JsonWriter json, Source source)
    {
        json.WriteStartObject();
        json.WriteStartObject("source"u8);
        if (source.Uri is not null)
        {
            json.WriteString("uri"u8, source.Uri);
        }
        if (source.Data is not null)
        {
            json.WritePropertyName("data"u8);
            WriteInSegments(json, source.Data);
        }
        if (source.MediaType is not null)
        {
            json.WriteString("mediaType"u8, source.MediaType);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The text as one JSON string, escaped segment by segment (the writer joins a surrogate pair split between segments).</summary>
    private static void WriteInSegments(Utf8JsonWriter json, string text)
    {
        if (text.Length <= SourceSegmentLength)
        {
            json.WriteStringValue(text);
            return;
        }
        for (var start = 0; start < text.Length; start += SourceSegmentLength)
        {
            var length = Math.Min(SourceSegmentLength, text.Length - start);
            json.WriteStringValueSegment(text.AsSpan(start, length), isFinalSegment: start + length == text.Length);
        }
    }
}
