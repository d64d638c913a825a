using System.Runtime.InteropServices;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.MessageStream;

/// <summary>
/// Collects a run's envelopes and assembles them in the order cucumber-js emits them for a sequential run: meta;
/// per feature its source, gherkinDocument and (executed) pickles; the support code; testRunStarted; the
/// BeforeTestRun hooks; every testCase; the execution (test cases, feature hooks, attachments, interleaved across
/// parallel features as they happened); the AfterTestRun hooks; testRunFinished. Thread-safe.
/// </summary>
/// <remarks>
/// The log either keeps the envelopes (<see cref="Assemble"/>), or, once <see cref="StartSpooling"/> was called, hands
/// each one as it arrives to a background writer that serializes it into its section, so a run writes its NDJSON
/// stream while it executes and <see cref="WriteNdjsonAsync"/> only concatenates the sections at the end.
/// </remarks>
public sealed class MessageLog
{
    private readonly object _gate = new();
    private readonly List<FeatureSection> _features = [];
    private readonly MessageSection _meta = new();
    private readonly MessageSection _supportCode = new();
    private readonly MessageSection _testRunStarted = new(spooled: false);
    private readonly MessageSection _beforeRun = new();
    private readonly MessageSection _testCases = new();
    private readonly MessageSection _execution = new();
    private readonly MessageSection _afterRun = new();
    private readonly MessageSection _testRunFinished = new(spooled: false);
    private NdjsonSpool? _spool;
    private bool _written;
    private RunPhase _phase = RunPhase.BeforeRun;

    public MessageLog(Meta meta)
    {
        Meta = Envelope.Of(meta);
        _meta.Add(Meta, null);
    }

    public Envelope Meta { get; }

    /// <summary>Where hook and execution envelopes go.</summary>
    public RunPhase Phase
    {
        get
        {
            lock (_gate)
            {
                return _phase;
            }
        }
        set
        {
            lock (_gate)
            {
                _phase = value;
            }
        }
    }

    /// <summary>
    /// From now on, serializes every envelope to NDJSON on a background thread as it is added (those already here
    /// first) instead of keeping it; <see cref="Assemble"/> is no longer available, <see cref="WriteNdjsonAsync"/> writes
    /// the stream.
    /// </summary>
    public void StartSpooling()
    {
        lock (_gate)
        {
            if (_spool is not null)
            {
                return;
            }
            _spool = new NdjsonSpool();
            foreach (var section in Sections(includeFeaturesWithoutContent: true))
            {
                section.SpoolTo(_spool);
            }
        }
    }

    public FeatureSection AddFeature(Source source, GherkinDocument? document, IReadOnlyList<Pickle> pickles, IEnumerable<ParseError> parseErrors)
    {
        lock (_gate)
        {
            var section = new FeatureSection(this, source, document, pickles, parseErrors, _spool);
            _features.Add(section);
            return section;
        }
    }

    public void AddSupportCode(IEnumerable<Envelope> envelopes)
    {
        lock (_gate)
        {
            foreach (var envelope in envelopes)
            {
                _supportCode.Add(envelope, _spool);
            }
        }
    }

    /// <summary>Sets testRunStarted; it is written as it was last set.</summary>
    public void SetTestRunStarted(TestRunStarted started)
    {
        lock (_gate)
        {
            _testRunStarted.Replace(Envelope.Of(started));
        }
    }

    /// <summary>Sets testRunFinished; it is written as it was last set.</summary>
    public void SetTestRunFinished(TestRunFinished finished)
    {
        lock (_gate)
        {
            _testRunFinished.Replace(Envelope.Of(finished));
        }
    }

    public void AddTestCase(TestCase testCase)
    {
        lock (_gate)
        {
            _testCases.Add(Envelope.Of(testCase), _spool);
        }
    }

    /// <summary>Adds an execution envelope (step, hook, attachment, suggestion) to the section of the current phase.</summary>
    public void Add(Envelope envelope)
    {
        lock (_gate)
        {
            (_phase switch
            {
                RunPhase.BeforeRun => _beforeRun,
                RunPhase.Execution => _execution,
                _ => _afterRun,
            }).Add(envelope, _spool);
        }
    }

    /// <summary>The stream in protocol order. Features without executed pickles are left out.</summary>
    /// <exception cref="InvalidOperationException">The log is spooling: its envelopes are no longer kept.</exception>
    public List<Envelope> Assemble()
    {
        lock (_gate)
        {
            if (_spool is not null)
            {
                throw new InvalidOperationException("The message log is spooling to NDJSON and keeps no envelopes; write the stream with WriteNdjsonAsync.");
            }
            var all = new List<Envelope>();
            foreach (var section in Sections(includeFeaturesWithoutContent: false))
            {
                section.AppendEnvelopesTo(all);
            }
            return all;
        }
    }

    /// <summary>
    /// Writes the stream in protocol order to <paramref name="path"/> atomically (a temporary file, then a rename):
    /// the spooled sections once the background writer has caught up, or else the kept envelopes.
    /// </summary>
    public async Task WriteNdjsonAsync(string path, CancellationToken cancellationToken)
    {
        NdjsonSpool? spool;
        lock (_gate)
        {
            spool = _spool;
        }
        if (spool is null)
        {
            await NdjsonWriter.WriteAsync(Assemble(), path, cancellationToken).ConfigureAwait(false);
            return;
        }
        await spool.CompleteAsync().ConfigureAwait(false);
        List<MessageSection> sections;
        lock (_gate)
        {
            if (_written)
            {
                throw new InvalidOperationException("The message stream of this run was written already: a spooled stream is written once.");
            }
            _written = true;
            sections = Sections(includeFeaturesWithoutContent: false).ToList();
        }
        try
        {
            await NdjsonWriter.WriteAsync(sections.SelectMany(section => section.Ndjson()), path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            spool.ReleaseBuffers();
        }
    }

    /// <summary>Puts an executed pickle into its feature's section (called by <see cref="FeatureSection.MarkExecuted"/>).</summary>
    internal void AddPickle(MessageSection pickleSection, Pickle pickle)
    {
        lock (_gate)
        {
            pickleSection.Add(Envelope.Of(pickle), _spool);
        }
    }

    /// <summary>The sections in protocol order, features without content (no executed pickle, no parse error) left out unless asked for. Call under the lock.</summary>
    private IEnumerable<MessageSection> Sections(bool includeFeaturesWithoutContent)
    {
        yield return _meta;
        foreach (var feature in _features.Where(f => includeFeaturesWithoutContent || f.HasContent))
        {
            foreach (var section in feature.Sections())
            {
                yield return section;
            }
        }
        yield return _supportCode;
        yield return _testRunStarted;
        yield return _beforeRun;
        yield return _testCases;
        yield return _execution;
        yield return _afterRun;
        yield return _testRunFinished;
    }

    /// <summary>The meta message for this runtime and machine (CI details from the usual environment variables).</summary>
    public static Meta CreateMeta(Func<string, string?> environment) => new()
    {
        ProtocolVersion = "33.0.4",
        Implementation = new Product { Name = "Kubernaut.Bdd", Version = typeof(MessageLog).Assembly.GetName().Version?.ToString() },
        Runtime = new Product { Name = ".NET", Version = Environment.Version.ToString() },
        Os = new Product { Name = RuntimeInformation.OSDescription.Split(' ')[0], Version = Environment.OSVersion.Version.ToString() },
        Cpu = new Product { Name = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() },
        Ci = CiOf(environment),
    };

    private static Ci? CiOf(Func<string, string?> environment)
    {
        if (environment("GITHUB_ACTIONS") == "true")
        {
            var server = environment("GITHUB_SERVER_URL");
            var repository = environment("GITHUB_REPOSITORY");
            var runId = environment("GITHUB_RUN_ID");
            return new Ci
            {
                Name = "GitHub Actions",
                Url = $"{server}/{repository}/actions/runs/{runId}",
                BuildNumber = runId,
                Git = new Git { Remote = $"{server}/{repository}.git", Revision = environment("GITHUB_SHA") ?? "", Branch = environment("GITHUB_REF_NAME") },
            };
        }
        return environment("CI") is { Length: > 0 } ? new Ci { Name = "CI" } : null;
    }
}

public enum RunPhase
{
    BeforeRun,
    Execution,
    AfterRun,
}

/// <summary>A feature's static messages and which of its pickles ran.</summary>
public sealed class FeatureSection
{
    private readonly MessageLog _log;
    private readonly MessageSection _header = new();
    private readonly IReadOnlyList<Pickle> _pickles;
    private readonly MessageSection?[] _executed;
    private readonly bool _hasParseErrors;

    internal FeatureSection(MessageLog log, Source source, GherkinDocument? document, IReadOnlyList<Pickle> pickles, IEnumerable<ParseError> parseErrors, NdjsonSpool? spool)
    {
        _log = log;
        _pickles = pickles;
        _executed = new MessageSection?[pickles.Count];
        _header.Add(Envelope.Of(source), spool);
        if (document is not null)
        {
            _header.Add(Envelope.Of(document), spool);
        }
        foreach (var error in parseErrors)
        {
            _header.Add(Envelope.Of(error), spool);
            _hasParseErrors = true;
        }
    }

    internal bool HasContent => _hasParseErrors || _executed.Any(e => e is not null);

    /// <summary>Marks a pickle as part of the stream (once; later calls change nothing). Each index is set by one scenario only.</summary>
    public void MarkExecuted(int pickleIndex)
    {
        if (_executed[pickleIndex] is not null)
        {
            return;
        }
        var section = new MessageSection();
        _executed[pickleIndex] = section;
        _log.AddPickle(section, _pickles[pickleIndex]);
    }

    public bool IsExecuted(int pickleIndex) => _executed[pickleIndex] is not null;

    /// <summary>The header (source, gherkinDocument, parse errors), then the executed pickles in declaration order.</summary>
    internal IEnumerable<MessageSection> Sections()
    {
        yield return _header;
        foreach (var pickle in _executed)
        {
            if (pickle is not null)
            {
                yield return pickle;
            }
        }
    }
}

/// <summary>Protocol timestamps and durations.</summary>
public static class MessageTime
{
    public static Timestamp Timestamp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timestamp { Seconds = ticks / TimeSpan.TicksPerSecond, Nanos = (int)(ticks % TimeSpan.TicksPerSecond * 100) };
    }

    public static Duration Duration(TimeSpan span) => new()
    {
        Seconds = span.Ticks / TimeSpan.TicksPerSecond,
        Nanos = (int)(span.Ticks % TimeSpan.TicksPerSecond * 100),
    };
}
