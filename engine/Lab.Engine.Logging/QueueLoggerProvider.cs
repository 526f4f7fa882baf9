using Lab.Engine.Queues;
using Microsoft.Extensions.Logging;

namespace Lab.Engine.Logging;

/// <summary>
/// The child's side of logging through a queue (seeds 59.25; CPython's logging.handlers.QueueHandler): records of
/// every category go, formatted and whole, onto a <see cref="ProcessQueue"/> that the parent's
/// <see cref="QueueLogListener"/> reads. Add it to the child's logging (<c>LoggerFactory.Create(b =&gt;
/// b.AddProvider(provider))</c>) and log as usual. Disposing it flushes: it waits until the queue's feeder has written
/// every record, so a child that returns after disposing loses none. Dispose it yourself: LoggerFactory.Create does not
/// dispose a provider given to AddProvider (it disposes only the providers it created).
/// </summary>
public sealed class QueueLoggerProvider(ProcessQueue queue, LogLevel minimumLevel = LogLevel.Trace) : ILoggerProvider
{
    /// <summary>How long Dispose waits for the records still buffered to be written (a parent that stopped reading
    /// would otherwise hold the child forever; CPython's queue join has no limit).</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, queue, minimumLevel);

    public void Dispose()
    {
        queue.Close();
        if (!queue.JoinThread(FlushTimeout))
            throw new TimeoutException($"the log queue's records were not all written within {FlushTimeout.TotalSeconds:0} s: is the parent's listener running?");
    }
}
