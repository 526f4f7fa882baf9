using Lab.Engine.Queues;
using Lab.Engine.Serialization;
using Microsoft.Extensions.Logging;

namespace Lab.Engine.Logging;

/// <summary>
/// The parent's side of logging through a queue (seeds 59.25; CPython's logging.handlers.QueueListener): one thread
/// takes the children's records off the queue and logs each, whole and in the order the queue delivers them, to the
/// parent's own <see cref="ILoggerFactory"/> under the child's category, level and event id, with the child's
/// structured values (<see cref="RemoteLogState"/>) and its exception as a <see cref="RemoteLogException"/>.
/// A malformed record is counted in <see cref="Rejected"/> and reported on this listener's own logger, and reading goes
/// on; a queue that breaks (a writer killed in the middle of a record) ends the listener with <see cref="Fault"/> set
/// and reported, never a hang. <see cref="Stop"/> puts a sentinel after whatever is queued and waits for the thread,
/// as CPython's stop(): records already sent are forwarded first.
/// </summary>
public sealed class QueueLogListener : IDisposable
{
    /// <summary>The category of the listener's own reports.</summary>
    public const string Category = "Lab.Engine.Logging.QueueLogListener";

    private readonly ProcessQueue _queue;
    private readonly ILoggerFactory _factory;
    private readonly ILogger _own;
    private readonly Dictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private Thread? _thread;
    private long _forwarded;
    private long _rejected;

    public QueueLogListener(ProcessQueue queue, ILoggerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(factory);
        (_queue, _factory) = (queue, factory);
        _own = factory.CreateLogger(Category);
    }

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Why the listener stopped reading before <see cref="Stop"/>, or null.</summary>
    public Exception? Fault { get; private set; }

    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the listener is already started");
        _thread = new Thread(Listen) { IsBackground = true, Name = "QueueLogListener" };
        _thread.Start();
    }

    /// <summary>Forwards what is queued, then stops. False: the thread did not end within <paramref name="timeout"/>.</summary>
    public bool Stop(TimeSpan? timeout = null)
    {
        if (_thread is null) return true;
        if (Fault is null) _queue.Put(null);
        var stopped = _thread.Join(timeout ?? Timeout.InfiniteTimeSpan);
        if (stopped) _thread = null;
        return stopped;
    }

    public void Dispose() => Stop(QueueLoggerProvider.FlushTimeout);

    private void Listen()
    {
        while (true)
        {
            object? item;
            try
            {
                item = _queue.Get();
            }
            catch (Exception e) when (e is QueueBrokenError or QueueClosedError or ChannelFormatError or IOException)
            {
                Fault = e;
                _own.LogError(e, "the log queue broke; no more records are read from it");
                return;
            }
            if (item is null) return;
            Forward(item);
        }
    }

    private void Forward(object item)
    {
        LogRecordMessage record;
        try
        {
            record = LogRecordMessage.Read(item);
        }
        catch (ChannelFormatError e)
        {
            Interlocked.Increment(ref _rejected);
            _own.LogWarning("a malformed log record was dropped: {Reason}", e.Message);
            return;
        }
        if (!_loggers.TryGetValue(record.Category, out var logger)) _loggers[record.Category] = logger = _factory.CreateLogger(record.Category);
        var exception = record.Exception is null ? null : new RemoteLogException(record.ExceptionType, record.Exception);
        logger.Log(record.Level, new EventId(record.EventId, record.EventName), new RemoteLogState(record), exception, static (s, _) => s.ToString());
        Interlocked.Increment(ref _forwarded);
    }
}
