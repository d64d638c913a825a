using System.Buffers;
using System.Runtime.InteropServices;
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
    private List<ReadOnlyMemory<byte>>? _lines;

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
    public void AppendLine(ReadOnlyMemory<byte> line) => (_lines ??= []).Add(line);

    public void AppendEnvelopesTo(List<Envelope> envelopes)
    {
        if (_kept is not null)
        {
            envelopes.AddRange(_kept);
        }
    }

    /// <summary>Adds the spooled lines (adjacent ones joined), then the kept envelopes serialized.</summary>
    public void CollectNdjson(List<ReadOnlyMemory<byte>> lines)
    {
        foreach (var line in _lines ?? [])
        {
            if (lines.Count > 0 && TryJoin(lines[^1], line, out var joined))
            {
                lines[^1] = joined;
            }
            else
            {
                lines.Add(line);
            }
        }
        if (_kept is { Count: > 0 })
        {
            lines.Add(NdjsonWriter.Serialize(_kept));
        }
    }

    /// <summary>One slice for two slices that follow each other in the same array.</summary>
    private static bool TryJoin(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, out ReadOnlyMemory<byte> joined)
    {
        if (MemoryMarshal.TryGetArray(first, out var a) && MemoryMarshal.TryGetArray(second, out var b) && a.Array == b.Array && a.Offset + a.Count == b.Offset)
        {
            joined = new ReadOnlyMemory<byte>(a.Array, a.Offset, a.Count + b.Count);
            return true;
        }
        joined = first;
        return false;
    }
}

/// <summary>
/// Serializes envelopes to NDJSON on a background thread while the run goes on, so writing the stream overlaps test
/// execution instead of following it, and the envelopes die young instead of being kept (and copied from generation
/// to generation by the garbage collector) until the end of the run. Producers hand over envelopes in batches (the
/// thread wakes once per batch, or at once for a feature's document); the lines land in pages shared by all sections,
/// large enough for the large object heap, whose objects the collector does not copy.
/// </summary>
internal sealed class NdjsonSpool
{
    private const int Batch = 128;
    private const int PageSize = 128 * 1024;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
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
        bool wake;
        lock (_gate)
        {
            _pending.Add((section, envelope));
            wake = !_wakeRequested && (_pending.Count >= Batch || envelope.GherkinDocument is not null);
            _wakeRequested |= wake;
        }
        if (wake)
        {
            _wake.Release();
        }
    }

    /// <summary>Serializes what is left; completes when every envelope handed over is in its section.</summary>
    public Task CompleteAsync()
    {
        bool wake;
        lock (_gate)
        {
            _completing = true;
            wake = !_wakeRequested;
            _wakeRequested = true;
        }
        if (wake)
        {
            _wake.Release();
        }
        return _finished.Task;
    }

    private void Run()
    {
        try
        {
            var batch = new List<(MessageSection Section, Envelope Envelope)>(Batch * 2);
            while (true)
            {
                _wake.Wait();
                bool completing;
                lock (_gate)
                {
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
                    _wake.Release();
                }
            }
            _finished.SetResult();
        }
        catch (Exception ex)
        {
            _finished.SetException(ex);
        }
    }

    private ReadOnlyMemory<byte> Serialize(Envelope envelope)
    {
        _scratch.ResetWrittenCount();
        NdjsonWriter.WriteLine(_json, _scratch, envelope);
        var line = _scratch.WrittenSpan;
        if (line.Length > PageSize / 4)
        {
            return line.ToArray();
        }
        if (_page.Length - _pageUsed < line.Length)
        {
            _page = GC.AllocateUninitializedArray<byte>(PageSize);
            _pageUsed = 0;
        }
        line.CopyTo(_page.AsSpan(_pageUsed));
        var slice = new ReadOnlyMemory<byte>(_page, _pageUsed, line.Length);
        _pageUsed += line.Length;
        return slice;
    }
}
