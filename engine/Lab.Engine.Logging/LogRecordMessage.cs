using System.Globalization;
using Lab.Engine.Serialization;
using Microsoft.Extensions.Logging;

namespace Lab.Engine.Logging;

/// <summary>
/// One log record as it crosses the queue: a dictionary of channel values only (CPython's QueueHandler.prepare sends a
/// LogRecord with its message formatted and exc_info turned into text, for the same reason: what travels must be data,
/// not the objects that made it). The receiving side reads it with <see cref="Read"/>, which accepts only the fields
/// and types written here: a malformed or hostile record is an error naming the field, never a type to load.
/// </summary>
/// <param name="State">The structured values of the message template, in order ("{OriginalFormat}" included): strings,
/// numbers, booleans and null as they are, anything else as its invariant-culture text.</param>
/// <param name="Exception">The exception's full text (type, message, stack), or null.</param>
/// <param name="ExceptionType">The exception's type name, for reading only.</param>
public sealed record LogRecordMessage(
    string Category, LogLevel Level, int EventId, string? EventName, string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State, string? Exception, string? ExceptionType,
    int Pid, string ProcessName, DateTime TimeUtc)
{
    public Dictionary<string, object?> ToChannel() => new()
    {
        ["category"] = Category,
        ["level"] = (int)Level,
        ["event_id"] = EventId,
        ["event_name"] = EventName,
        ["message"] = Message,
        ["state"] = State.Select(p => (object?)new List<object?> { p.Key, ChannelValue(p.Value) }).ToList(),
        ["exception"] = Exception,
        ["exception_type"] = ExceptionType,
        ["pid"] = Pid,
        ["process"] = ProcessName,
        ["time_utc_ticks"] = TimeUtc.Ticks,
    };

    /// <summary>The record in <paramref name="value"/>, a dictionary written by <see cref="ToChannel"/>.</summary>
    /// <exception cref="ChannelFormatError">Anything else: a missing field, a field of another type, an unknown level.</exception>
    public static LogRecordMessage Read(object? value)
    {
        if (value is not Dictionary<string, object?> d)
            throw new ChannelFormatError($"a log record must be a dictionary, not {Describe(value)}");
        var level = Field<int>(d, "level");
        if (level is < (int)LogLevel.Trace or > (int)LogLevel.None) throw new ChannelFormatError($"log record field 'level': {level} is not a LogLevel");
        var ticks = Field<long>(d, "time_utc_ticks");
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) throw new ChannelFormatError($"log record field 'time_utc_ticks': {ticks} is not a time");
        return new LogRecordMessage(
            Field<string>(d, "category"), (LogLevel)level, Field<int>(d, "event_id"), Optional(d, "event_name"), Field<string>(d, "message"),
            ReadState(Field<List<object?>>(d, "state")), Optional(d, "exception"), Optional(d, "exception_type"),
            Field<int>(d, "pid"), Field<string>(d, "process"), new DateTime(ticks, DateTimeKind.Utc));
    }

    /// <summary>A value the channel carries as it is; anything else as its invariant-culture text.</summary>
    private static object? ChannelValue(object? value) => value switch
    {
        null or string or bool or int or long or double => value,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static List<KeyValuePair<string, object?>> ReadState(List<object?> pairs) =>
        pairs.Select((p, i) => p is List<object?> { Count: 2 } pair && pair[0] is string key && pair[1] is null or string or bool or int or long or double
            ? new KeyValuePair<string, object?>(key, pair[1])
            : throw new ChannelFormatError($"log record field 'state'[{i}] must be a [name, value] pair of a string and a plain value")).ToList();

    private static T Field<T>(Dictionary<string, object?> d, string key) =>
        d.TryGetValue(key, out var v) && v is T t ? t : throw new ChannelFormatError($"log record field '{key}' must be a {typeof(T).Name}, not {Describe(v)}");

    private static string? Optional(Dictionary<string, object?> d, string key) =>
        !d.TryGetValue(key, out var v) || v is null ? null
        : v as string ?? throw new ChannelFormatError($"log record field '{key}' must be a string or null, not {Describe(v)}");

    private static string Describe(object? value) => value?.GetType().Name ?? "null";
}
