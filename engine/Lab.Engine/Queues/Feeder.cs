using System.Collections.Concurrent;
using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;

namespace Lab.Engine.Queues;

/// <summary>
/// The per-process thread that moves a queue's buffered items into its stream (CPython's Queue._feed), so Put
/// returns at once. At process exit the feeders are flushed and joined (CPython's _finalize_join) unless
/// CancelJoinThread was called: a child therefore exits only once what it put is in the pipe, which is the
/// "joining processes that use queues" hazard (a full pipe, nobody reading, and join() waits forever).
/// <para>
/// Under a controlled scheduler (issue #5 §2) the thread is started as a controlled operation and its monitor waits and
/// pulses go through <see cref="EngineScheduling"/>, so the buffer, the not-empty signal and close/join are explored;
/// such a feeder is not joined at process exit (it lives and dies with its exploration). No scheduling point is
/// reached while the buffer's monitor is held, so a controlled thread never parks holding it.
/// </para>
/// </summary>
internal sealed class Feeder
{
    private static readonly ConcurrentDictionary<Feeder, bool> Live = new();

    /// <summary>A batch stops growing past this many bytes, so other writers of the queue get their turn.</summary>
    private const long MaxBatchBytes = 1024 * 1024;

    private readonly QueueStream _stream;
    private readonly Queue<byte[]> _buffer = new();
    private readonly Thread? _thread;
    private readonly IEngineThread? _controlled;
    private bool _closing;
    private bool _finished;
    private Action? _whenFinished;

    static Feeder() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var feeder in Live.Keys) feeder.CloseAndJoin();
    };

    public Feeder(QueueStream stream)
    {
        _stream = stream;
        _controlled = EngineScheduling.TryStartThread(Run, "lab-queue-feeder");
        if (_controlled is not null) return;
        _thread = new Thread(Run) { IsBackground = true, Name = "lab-queue-feeder" };
        Live[this] = true;
        _thread.Start();
    }

    /// <summary>The first error that made the feeder drop items (a broken stream); null while healthy.</summary>
    public Exception? Error { get; private set; }

    public bool JoinCancelled { get; set; }

    public void Enqueue(byte[] message)
    {
        lock (_buffer)
        {
            _buffer.Enqueue(message);
            EngineScheduling.MonitorPulse(_buffer);
        }
    }

    /// <summary>Stops accepting items; the thread flushes what is buffered, then ends.</summary>
    public void Close()
    {
        lock (_buffer)
        {
            _closing = true;
            EngineScheduling.MonitorPulse(_buffer);
        }
    }

    public bool Join(TimeSpan? timeout)
    {
        if (_controlled is not null) return _controlled.Join(timeout);
        if (timeout is { } t) return _thread!.Join(t);
        _thread!.Join();
        return true;
    }

    /// <summary>Runs <paramref name="action"/> once the feeder has flushed and ended (at once if it already has).</summary>
    public void WhenFinished(Action action)
    {
        lock (_buffer)
        {
            if (_finished) { action(); return; }
            _whenFinished += action;
        }
    }

    private void CloseAndJoin()
    {
        Close();
        if (!JoinCancelled) _thread?.Join();
    }

    private void Run()
    {
        try
        {
            var batch = new List<byte[]>();
            while (true)
            {
                batch.Clear();
                lock (_buffer)
                {
                    while (_buffer.Count == 0 && !_closing) EngineScheduling.MonitorWait(_buffer);
                    if (_buffer.Count == 0) return;
                    // Everything that piled up goes out under one hold of the writers' lock, in as few writes as possible.
                    var bytes = 0L;
                    while (_buffer.Count > 0 && bytes < MaxBatchBytes)
                    {
                        var next = _buffer.Dequeue();
                        bytes += next.Length;
                        batch.Add(next);
                    }
                }
                try
                {
                    _stream.Write(batch, Deadline.Infinite);
                }
                catch (Exception e) when (e is QueueBrokenError or IOException)
                {
                    // CPython's feeder prints the error and carries on; a broken stream cannot take more items.
                    Error ??= e;
                    lock (_buffer) _buffer.Clear();
                }
            }
        }
        finally
        {
            Live.TryRemove(this, out _);
            Action? then;
            lock (_buffer)
            {
                _finished = true;
                then = _whenFinished;
            }
            then?.Invoke();
        }
    }
}
