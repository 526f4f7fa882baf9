using Lab.Engine.Queues;
using Microsoft.Extensions.Logging;

namespace Lab.Engine.Logging;

/// <summary>The logger of one category in a child: each record is formatted here and put on the queue whole (CPython's
/// QueueHandler.emit: prepare, then enqueue). Scopes are not carried.</summary>
internal sealed class QueueLogger(string category, ProcessQueue queue, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        var record = new LogRecordMessage(category, logLevel, eventId.Id, eventId.Name, formatter(state, exception), values,
            exception?.ToString(), exception?.GetType().FullName, CurrentProcess.Pid, CurrentProcess.Name, DateTime.UtcNow);
        queue.Put(record.ToChannel());
    }
}
