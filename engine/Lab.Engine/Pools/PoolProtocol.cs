using Lab.Engine.Serialization;
using Lab.Engine.Targets;

namespace Lab.Engine.Pools;

/// <summary>
/// The messages on a worker's duplex channel, each one frame holding a channel tuple whose first item is the kind.
/// Parent to worker: Task (one chunk), Func (binds a function key to a target once per worker), Stop. Worker to
/// parent: Result / Error (one per chunk, in the order the chunks were sent: a worker is sequential), InitFailed,
/// Goodbye (retiring after maxTasksPerChild chunks, CPython's worker "completed" count).
/// </summary>
internal static class PoolProtocol
{
    public const int Task = 1, Func = 2, Stop = 3;
    public const int InitFailed = 11, Result = 12, Error = 13, Goodbye = 14;

    /// <param name="items">A List&lt;object?&gt; (of argument tuples when <paramref name="star"/>), or an int[]/long[]/double[]
    /// of single arguments (the typed path, see TypedChunks).</param>
    public static byte[] EncodeTask(long chunkId, int funcKey, bool star, object items) =>
        ChannelEncoder.Encode(new object?[] { Task, chunkId, funcKey, star, items }, null, Sharing.InheritanceWriter.ForTaskArguments(), "task arguments");

    public static byte[] EncodeFunc(int key, TargetMethod target) =>
        ChannelEncoder.Encode(PoolProtocol.Concat([Func, key], ToTuple(target)));

    public static readonly byte[] StopFrame = ChannelEncoder.Encode(new object?[] { Stop });

    public static readonly byte[] GoodbyeFrame = ChannelEncoder.Encode(new object?[] { Goodbye });

    public static object?[] Concat(object?[] head, object?[] tail) => [.. head, .. tail];

    public static object?[] ToTuple(TargetMethod t) => t.ToTuple();

    public static TargetMethod FromTuple(object?[] t, int offset = 0) => TargetMethod.FromTuple(t, offset);
}
