using System.Collections;

namespace Lab.Engine.Logging;

/// <summary>The state a forwarded record is logged with in the parent: the child's structured values plus where it came
/// from (<c>RemotePid</c>, <c>RemoteProcess</c>, <c>RemoteTimeUtc</c>, and <c>RemoteException</c> when the child logged
/// one), so that a structured logger of the parent keeps them; its text is the child's formatted message.</summary>
public sealed class RemoteLogState(LogRecordMessage record) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values =
    [
        .. record.State,
        new("RemotePid", record.Pid),
        new("RemoteProcess", record.ProcessName),
        new("RemoteTimeUtc", record.TimeUtc),
        .. record.Exception is null ? [] : new[] { new KeyValuePair<string, object?>("RemoteException", record.Exception) },
    ];

    public LogRecordMessage Record => record;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public int Count => _values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => record.Message;
}
