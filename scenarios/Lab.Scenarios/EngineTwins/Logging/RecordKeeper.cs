using Microsoft.Extensions.Logging;

namespace Lab.Scenarios.EngineTwins.Logging;

/// <summary>What a record forwarded by the listener carried: category, message, and the Worker and Index values.</summary>
internal sealed record KeptRecord(string Category, string Message, object? Worker, object? Index);

/// <summary>The parent's logging in the Logging twins: keeps what each record carried. <paramref name="onRecord"/>, if
/// given, runs on the logging thread (the listener's) after each record is kept.</summary>
internal sealed class RecordKeeper(Action<KeptRecord>? onRecord = null) : ILoggerProvider
{
    private readonly List<KeptRecord> _records = [];
    private readonly Action<KeptRecord>? _onRecord = onRecord;

    public IReadOnlyList<KeptRecord> Records
    {
        get { lock (_records) return [.. _records]; }
    }

    public ILogger CreateLogger(string categoryName) => new Categorized(this, categoryName);

    public void Dispose() { }

    private sealed class Categorized(RecordKeeper owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            object? Value(string key) => values.FirstOrDefault(p => p.Key == key).Value;
            var kept = new KeptRecord(category, formatter(state, exception), Value("Worker"), Value("Index"));
            lock (owner._records) owner._records.Add(kept);
            owner._onRecord?.Invoke(kept);
        }
    }
}
