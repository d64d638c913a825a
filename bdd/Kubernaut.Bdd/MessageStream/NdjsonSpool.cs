using System.Buffers;
using System.Text.Json;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.MessageStream;

/// <summary>
/// A run of envelopes that appear together in the stream (e.g. every testCase, or the execution). It keeps its
/// envelopes, or, when spooled, their NDJSON lines as the spool serialized them.
/// </summary>
/// <param name="spooled">False for sections whose single envelope may still be replaced (testRunStarted, testRunFinished): they are always kept and serialized when the stream is written.</param>
internal sealed class MessageSection(bool spooled = true)
{
    // Created on first use: a run has a section per executed pickle, most holding a single line.
    private List<Envelope>? _kept;

    // The spooled lines as runs of consecutive bytes in the spool's buffers: lines the spool wrote one after the other
    // form one run, so a section holds a run per scenario rather than an entry per line (a list with an entry per
    // line grows past the large-object threshold in big runs, and large objects bring on full collections). The run
    // being extended is held in a field: most sections (one per executed pickle) never have another.
    private List<SpooledBytes>? _closedRuns;
    private SpooledBytes _openRun;

    /// <summary>Keeps the envelope, or hands it to the spool. Called under the log's lock, so envelopes keep their order.</summary>
    public void Add(Envelope envelope, NdjsonSpool? spool)
    {
        if (spool is not null && spooled)
        {
            spool.Enqueue(this, envelope);
        }
        else
        {
            (_kept ??= []).Add(envelope);
        }
    }

    public void Replace(Envelope envelope) => _kept = [envelope];

    /// <summary>Hands the kept envelopes to the spool, and every later one.</summary>
    public void SpoolTo(NdjsonSpool spool)
    {
        if (!spooled || _kept is null)
        {
            return;
        }
        foreach (var envelope in _kept)
        {
            spool.Enqueue(this, envelope);
        }
        _kept = null;
    }

    /// <summary>Called by the spool's thread only, in the order the envelopes were added.</summary>
    public void AppendLine(SpooledBytes line)
    {
        if (_openRun.TryExtend(line, out var longer))
        {
            _openRun = longer;
            return;
        }
        if (_openRun.Buffer is not null)
        {
            (_closedRuns ??= []).Add(_openRun);
        }
        _openRun = line;
    }

    public void AppendEnvelopesTo(List<Envelope> envelopes)
    {
        if (_kept is not null)
        {
            envelopes.AddRange(_kept);
        }
    }

    /// <summary>The spooled lines, then the kept envelopes serialized.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Ndjson()
    {
        foreach (var run in _closedRuns ?? [])
        {
            yield return run.Memory;
        }
        if (_openRun.Buffer is not null)
        {
            yield return _openRun.Memory;
        }
        if (_kept is { Count: > 0 })
        {
            yield return NdjsonWriter.Serialize(_kept);
        }
    }
}

/// <summary>Bytes in one of the spool's buffers: one NDJSON line, or several written one after the other.</summary>
internal readonly record struct SpooledBytes(byte[] Buffer, int Offset, int Length)
{
    public ReadOnlyMemory<byte> Memory => new(Buffer, Offset, Length);

    /// <summary>These bytes and <paramref name="next"/> as one run, when <paramref name="next"/> follows them in the same buffer (never for empty bytes).</summary>
    public bool TryExtend(SpooledBytes next, out SpooledBytes joined)
    {
        joined = next.Buffer == Buffer && next.Offset == Offset + Length ? this with { Length = Length + next.Length } : default;
        return joined.Buffer is not null;
    }
}

/// <summary>
/// Serializes envelopes to NDJSON on a background thread while the run goes on, so writing the stream overlaps test
/// execution instead of following it, and the envelopes die young instead of being kept (and copied from generation
/// to generation by the garbage collector) until the end of the run. Producers hand over envelopes in batches (the
/// thread wakes once per batch, or at once for a feature's document); the lines land in pages shared by all sections,
/// large enough for the large object heap, whose objects the collector does not copy, and rented from a pool.
/// </summary>
internal sealed class NdjsonSpool
{
    private const int Batch = 128;
    private const int PageSize = 128 * 1024;

    /// <summary>
    /// The large buffers of this process's spools (pages, big lines, the scratch buffer a feature's document grows):
    /// rented, and returned once the stream is written, so that repeated runs in one process (an IDE's test host, the
    /// benchmark) reuse them instead of allocating megabytes on the large object heap for every run.
    /// </summary>
    internal static readonly ArrayPool<byte> LargeBuffers = ArrayPool<byte>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: 64);

    private readonly object _gate = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PooledBufferWriter _scratch = new(LargeBuffers);
    private readonly List<byte[]> _rented = [];
    private readonly Utf8JsonWriter _json;
    private List<(MessageSection Section, Envelope Envelope)> _pending = new(Batch * 2);
    private bool _wakeRequested;
    private bool _completing;
    private byte[] _page = [];
    private int _pageUsed;

    public NdjsonSpool()
    {
        _json = NdjsonWriter.CreateJsonWriter(_scratch);
        new Thread(Run) { IsBackground = true, Name = "Kubernaut.Bdd NDJSON spool" }.Start();
    }

    public void Enqueue(MessageSection section, Envelope envelope)
    {
        lock (_gate)
        {
            _pending.Add((section, envelope));
            if (!_wakeRequested && (_pending.Count >= Batch || envelope.GherkinDocument is not null))
            {
                _wakeRequested = true;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Serializes what is left; completes when every envelope handed over is in its section.</summary>
    public Task CompleteAsync()
    {
        lock (_gate)
        {
            _completing = true;
            _wakeRequested = true;
            Monitor.Pulse(_gate);
        }
        return _finished.Task;
    }

    /// <summary>
    /// The spool's thread: sleeps until a batch is ready (Monitor.Wait blocks at once; a semaphore would spin first,
    /// and spinning takes the core the tests run on), serializes it, and ends once completion is asked and nothing is left.
    /// </summary>
    private void Run()
    {
        try
        {
            var batch = new List<(MessageSection Section, Envelope Envelope)>(Batch * 2);
            while (true)
            {
                bool completing;
                lock (_gate)
                {
                    while (!_wakeRequested)
                    {
                        Monitor.Wait(_gate);
                    }
                    (batch, _pending) = (_pending, batch);
                    _wakeRequested = false;
                    completing = _completing;
                }
                foreach (var (section, envelope) in batch)
                {
                    section.AppendLine(Serialize(envelope));
                }
                batch.Clear();
                if (completing)
                {
                    lock (_gate)
                    {
                        if (_pending.Count == 0)
                        {
                            break;
                        }
                        _wakeRequested = true;
                    }
                }
            }
            _finished.SetResult();
        }
        catch (Exception ex)
        {
            _finished.SetException(ex);
        }
    }

    /// <summary>
    /// Returns the buffers the lines live in to the pool. Call once the stream is written and the lines are no longer
    /// read (after <see cref="CompleteAsync"/>).
    /// </summary>
    public void ReleaseBuffers()
    {
        foreach (var buffer in _rented)
        {
            LargeBuffers.Return(buffer);
        }
        _rented.Clear();
        _scratch.Release();
    }

    private SpooledBytes Serialize(Envelope envelope)
    {
        _scratch.Reset();
        NdjsonWriter.WriteLine(_json, _scratch, envelope);
        var line = _scratch.WrittenSpan;
        if (line.Length > PageSize / 4)
        {
            return Keep(line, Rent(line.Length), 0);
        }
        if (_page.Length - _pageUsed < line.Length)
        {
            _page = Rent(PageSize);
            _pageUsed = 0;
        }
        var slice = Keep(line, _page, _pageUsed);
        _pageUsed += line.Length;
        return slice;
    }

    private byte[] Rent(int length)
    {
        var buffer = LargeBuffers.Rent(length);
        _rented.Add(buffer);
        return buffer;
    }

    private static SpooledBytes Keep(ReadOnlySpan<byte> line, byte[] buffer, int offset)
    {
        line.CopyTo(buffer.AsSpan(offset));
        return new SpooledBytes(buffer, offset, line.Length);
    }

    /// <summary>A growable buffer whose arrays come from a pool (an ArrayBufferWriter would allocate every size it grows through).</summary>
    private sealed class PooledBufferWriter(ArrayPool<byte> pool) : IBufferWriter<byte>
    {
        private byte[] _buffer = [];
        private int _written;

        public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

        public void Reset() => _written = 0;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsSpan(_written);
        }

        public void Release()
        {
            if (_buffer.Length > 0)
            {
                pool.Return(_buffer);
            }
            _buffer = [];
            _written = 0;
        }

        private void Reserve(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 256);
            if (needed <= _buffer.Length)
            {
                return;
            }
            var larger = pool.Rent(Math.Max(needed, Math.Max(_buffer.Length * 2, 4096)));
            WrittenSpan.CopyTo(larger);
            if (_buffer.Length > 0)
            {
                pool.Return(_buffer);
            }
            _buffer = larger;
        }
    }
}
