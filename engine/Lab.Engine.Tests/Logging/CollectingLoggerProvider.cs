using Microsoft.Extensions.Logging;

namespace Lab.Engine.Tests.Logging;

/// <summary>The parent's logging in these tests: every record any logger receives, with its state and exception.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
    {
        public object? Value(string key) => State.FirstOrDefault(p => p.Key == key).Value;
    }

    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            lock (owner._entries) owner._entries.Add(new(category, logLevel, eventId, formatter(state, exception), [.. values], exception));
        }
    }
}
