using System.Runtime.InteropServices;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.MessageStream;

/// <summary>
/// Collects a run's envelopes and assembles them in the order cucumber-js emits them for a sequential run: meta;
/// per feature its source, gherkinDocument and (executed) pickles; the support code; testRunStarted; the
/// BeforeTestRun hooks; every testCase; the execution (test cases, feature hooks, attachments, interleaved across
/// parallel features as they happened); the AfterTestRun hooks; testRunFinished. Thread-safe.
/// </summary>
public sealed class MessageLog
{
    private readonly object _gate = new();
    private readonly List<FeatureSection> _features = [];
    private readonly List<Envelope> _supportCode = [];
    private readonly List<Envelope> _beforeRun = [];
    private readonly List<Envelope> _testCases = [];
    private readonly List<Envelope> _execution = [];
    private readonly List<Envelope> _afterRun = [];
    private Envelope? _testRunStarted;
    private Envelope? _testRunFinished;
    private RunPhase _phase = RunPhase.BeforeRun;

    public MessageLog(Meta meta)
    {
        Meta = Envelope.Of(meta);
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

    public FeatureSection AddFeature(Source source, GherkinDocument? document, IReadOnlyList<Pickle> pickles, IEnumerable<ParseError> parseErrors)
    {
        var section = new FeatureSection(source, document, pickles, parseErrors);
        lock (_gate)
        {
            _features.Add(section);
        }
        return section;
    }

    public void AddSupportCode(IEnumerable<Envelope> envelopes)
    {
        lock (_gate)
        {
            _supportCode.AddRange(envelopes);
        }
    }

    public void SetTestRunStarted(TestRunStarted started)
    {
        lock (_gate)
        {
            _testRunStarted = Envelope.Of(started);
        }
    }

    public void SetTestRunFinished(TestRunFinished finished)
    {
        lock (_gate)
        {
            _testRunFinished = Envelope.Of(finished);
        }
    }

    public void AddTestCase(TestCase testCase)
    {
        lock (_gate)
        {
            _testCases.Add(Envelope.Of(testCase));
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
            }).Add(envelope);
        }
    }

    /// <summary>The stream in protocol order. Features without executed pickles are left out.</summary>
    public List<Envelope> Assemble()
    {
        lock (_gate)
        {
            var all = new List<Envelope>(_testCases.Count * 12 + _execution.Count + 64) { Meta };
            foreach (var feature in _features.Where(f => f.HasContent))
            {
                all.AddRange(feature.Envelopes());
            }
            all.AddRange(_supportCode);
            if (_testRunStarted is not null)
            {
                all.Add(_testRunStarted);
            }
            all.AddRange(_beforeRun);
            all.AddRange(_testCases);
            all.AddRange(_execution);
            all.AddRange(_afterRun);
            if (_testRunFinished is not null)
            {
                all.Add(_testRunFinished);
            }
            return all;
        }
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
    private readonly Envelope _source;
    private readonly Envelope? _document;
    private readonly IReadOnlyList<Pickle> _pickles;
    private readonly List<Envelope> _parseErrors;
    private readonly bool[] _executed;

    internal FeatureSection(Source source, GherkinDocument? document, IReadOnlyList<Pickle> pickles, IEnumerable<ParseError> parseErrors)
    {
        _source = Envelope.Of(source);
        _document = document is null ? null : Envelope.Of(document);
        _pickles = pickles;
        _parseErrors = parseErrors.Select(Envelope.Of).ToList();
        _executed = new bool[pickles.Count];
    }

    internal bool HasContent => _parseErrors.Count > 0 || _executed.Any(e => e);

    /// <summary>Marks a pickle as part of the stream. Each index is set by one scenario only, so no lock is needed.</summary>
    public void MarkExecuted(int pickleIndex) => _executed[pickleIndex] = true;

    public bool IsExecuted(int pickleIndex) => _executed[pickleIndex];

    internal IEnumerable<Envelope> Envelopes()
    {
        yield return _source;
        if (_document is not null)
        {
            yield return _document;
        }
        foreach (var error in _parseErrors)
        {
            yield return error;
        }
        for (var i = 0; i < _pickles.Count; i++)
        {
            if (_executed[i])
            {
                yield return Envelope.Of(_pickles[i]);
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
