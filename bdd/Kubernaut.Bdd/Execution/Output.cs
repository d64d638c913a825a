using System.Globalization;
using System.Text;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.MessageStream;
using Reqnroll;

namespace Kubernaut.Bdd.Execution;

/// <summary>Where text and attachments go besides the message stream: the xUnit test output, or the in-process runner.</summary>
public interface IOutputSink
{
    void WriteLine(string line);

    /// <summary>Lines written in one piece, the last one ending with its line end (a scenario's output).</summary>
    void WriteLines(string lines) => WriteLine(lines.TrimEnd('\r', '\n'));

    void Attach(string name, byte[] content, string mediaType);
}

/// <summary>Drops everything (the message stream still gets it).</summary>
public sealed class NullOutputSink : IOutputSink
{
    public static NullOutputSink Instance { get; } = new();

    public void WriteLine(string line)
    {
    }

    public void WriteLines(string lines)
    {
    }

    public void Attach(string name, byte[] content, string mediaType)
    {
    }
}

/// <summary>
/// The <see cref="IReqnrollOutputHelper"/> of one scope. Lines and attachments go to the sink and, as attachment
/// envelopes, to the step or hook running at that moment (test step of a scenario, or a test-run/feature hook).
/// A scenario's channel keeps its lines and hands them to the sink in one piece at the end (<see cref="Flush"/>):
/// one test-output message per scenario instead of one per line.
/// </summary>
internal sealed class OutputChannel(MessageLog log, TimeProvider clock, string testRunStartedId, IOutputSink sink, string? testCaseStartedId) : IReqnrollOutputHelper
{
    private const string LogMediaType = "text/x.cucumber.log+plain";

    // A builder handed from one scenario to the next: a trace takes about a kilobyte, and allocating it for each of
    // thousands of scenarios shows in the garbage collections of a run.
    private static StringBuilder? s_spareBuilder;

    private readonly object _gate = new();
    private StringBuilder? _captured;
    private string? _flushed;
    private HashSet<string>? _attachmentNames;

    /// <summary>The test step running in the scenario, set by the engine.</summary>
    public string? TestStepId { get; set; }

    /// <summary>The test-run or feature hook running, set by the engine.</summary>
    public string? TestRunHookStartedId { get; set; }

    /// <summary>What the channel has captured so far (after <see cref="Flush"/>: what it flushed, and anything written since).</summary>
    public string Captured
    {
        get
        {
            lock (_gate)
            {
                return _flushed + _captured;
            }
        }
    }

    public void WriteLine(string message)
    {
        Trace(message);
        Emit(message, AttachmentContentEncoding.IDENTITY, LogMediaType, null);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));

    public void AddAttachment(string filePath)
    {
        var content = File.ReadAllBytes(filePath);
        AddAttachment(content, MediaTypes.FromExtension(Path.GetExtension(filePath)), Path.GetFileName(filePath));
    }

    public void AddAttachment(byte[] content, string mediaType, string? fileName = null)
    {
        var name = UniqueName(fileName, mediaType);
        sink.Attach(name, content, mediaType);
        Trace($"Attached {name} ({mediaType}, {content.Length} bytes)");
        Emit(Convert.ToBase64String(content), AttachmentContentEncoding.BASE64, mediaType, fileName);
    }

    public void AddAttachment(string content, string mediaType, string? fileName = null)
    {
        var name = UniqueName(fileName, mediaType);
        sink.Attach(name, Encoding.UTF8.GetBytes(content), mediaType);
        Trace($"Attached {name} ({mediaType}, {content.Length} characters)");
        Emit(content, AttachmentContentEncoding.IDENTITY, mediaType, fileName);
    }

    public void AddLink(string url)
    {
        Trace($"Link: {url}");
        Emit(url, AttachmentContentEncoding.IDENTITY, "text/uri-list", null);
    }

    /// <summary>A line for the test output only (step trace), not the message stream.</summary>
    public void Trace(string line)
    {
        if (testCaseStartedId is null)
        {
            sink.WriteLine(line);
        }
        lock (_gate)
        {
            Builder().AppendLine(line);
        }
    }

    /// <summary>
    /// A trace line composed straight into a scenario's output (no intermediate string); <paramref name="compose"/>
    /// appends the line's text. Other channels hand each line to the sink at once, as <see cref="Trace(string)"/>.
    /// </summary>
    public void Trace<TState>(TState state, Action<StringBuilder, TState> compose)
    {
        if (testCaseStartedId is null)
        {
            var line = new StringBuilder();
            compose(line, state);
            Trace(line.ToString());
            return;
        }
        lock (_gate)
        {
            var builder = Builder();
            compose(builder, state);
            builder.AppendLine();
        }
    }

    /// <summary>The builder of this scenario's lines: the spare one if no other scenario holds it. Call under the lock.</summary>
    private StringBuilder Builder() => _captured ??= Interlocked.Exchange(ref s_spareBuilder, null) ?? new StringBuilder(1024);

    /// <summary>
    /// Hands a scenario's lines to the sink in one piece; returns them: the text without its trailing white space,
    /// then one line end (empty when nothing was written). One string serves the sink and the outcome.
    /// </summary>
    public string Flush()
    {
        var text = "";
        lock (_gate)
        {
            if (_captured is { } captured)
            {
                var length = captured.Length;
                while (length > 0 && char.IsWhiteSpace(captured[length - 1]))
                {
                    length--;
                }
                if (length > 0)
                {
                    captured.Length = length;
                    text = captured.AppendLine().ToString();
                }
                _flushed += text;
                _captured = null;
                if (captured.Capacity <= 16 * 1024)
                {
                    captured.Clear();
                    Volatile.Write(ref s_spareBuilder, captured);
                }
            }
        }
        if (testCaseStartedId is not null && text.Length > 0)
        {
            sink.WriteLines(text);
        }
        return text;
    }

    private void Emit(string body, AttachmentContentEncoding encoding, string mediaType, string? fileName)
    {
        var hookStarted = TestRunHookStartedId;
        log.Add(Envelope.Of(new Attachment
        {
            Body = body,
            ContentEncoding = encoding,
            MediaType = mediaType,
            FileName = fileName,
            TestCaseStartedId = hookStarted is null ? testCaseStartedId : null,
            TestStepId = hookStarted is null ? TestStepId : null,
            TestRunHookStartedId = hookStarted,
            TestRunStartedId = hookStarted is null && testCaseStartedId is null ? testRunStartedId : null,
            Timestamp = MessageTime.Timestamp(clock.GetUtcNow()),
        }));
    }

    /// <summary>xUnit attachment names must be unique within a test.</summary>
    private string UniqueName(string? fileName, string mediaType)
    {
        lock (_gate)
        {
            _attachmentNames ??= [];
            var baseName = fileName ?? $"attachment-{_attachmentNames.Count + 1}{MediaTypes.Extension(mediaType)}";
            var name = baseName;
            for (var n = 2; !_attachmentNames.Add(name); n++)
            {
                name = $"{Path.GetFileNameWithoutExtension(baseName)}-{n}{Path.GetExtension(baseName)}";
            }
            return name;
        }
    }
}

/// <summary>Media types of common attachment files.</summary>
internal static class MediaTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".csv"] = "text/csv",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".json"] = "application/json",
        [".ndjson"] = "application/x-ndjson",
        [".xml"] = "application/xml",
        [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".svg"] = "image/svg+xml",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
    };

    public static string FromExtension(string extension) => ByExtension.TryGetValue(extension, out var type) ? type : "application/octet-stream";

    public static string Extension(string mediaType) => ByExtension.FirstOrDefault(p => p.Value == mediaType).Key ?? ".bin";
}
