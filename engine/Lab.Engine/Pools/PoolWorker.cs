using System.Diagnostics;
using System.Reflection;
using Lab.Engine.Connections;
using Lab.Engine.Interop;
using Lab.Engine.Scheduling;
using Lab.Engine.Serialization;
using Lab.Engine.Targets;

namespace Lab.Engine.Pools;

/// <summary>
/// The worker side of a pool: the target every pool worker process runs (CPython pool.py, worker()). Runs the
/// initializer once, then takes Task frames from its channel, runs each chunk and sends one Result or Error frame
/// per chunk, in order. Results are written in batches: when no further task is already buffered, when the batch
/// passes 64 KiB, or when the oldest unsent result is older than <see cref="MaxHoldTicks"/> (so a slow chunk behind a
/// fast one does not hold the fast one's result back for long).
/// <para>
/// Under a systematic scheduler (issue #5 §3) a worker's points must follow from the schedule alone: the clock-based
/// flush is off (a batch goes out when no task is buffered or at 64 KiB), and a worker that has run tasks and finds
/// nothing to read says so (<see cref="EngineScheduling.BlockingOutside"/>) before it blocks: only the pool's
/// supervisor, which the scheduler does not control, can wake it. Its first read is part of its start: the work it
/// waits for was submitted before the scheduler's first decision.
/// </para>
/// </summary>
internal static unsafe class PoolWorker
{
    private const int FlushBytes = 64 * 1024;
    private static readonly long MaxHoldTicks = Stopwatch.Frequency / 500;

    /// <param name="channel">The worker's end of its duplex channel with the pool.</param>
    /// <param name="initializer">The initializer as a target tuple (assembly, type, method, token), or null.</param>
    /// <param name="initArgs">The initializer's arguments, already checked against it by the parent.</param>
    /// <param name="maxTasks">Chunks to run before retiring; 0 is unlimited.</param>
    [ProcessTarget]
    public static void Run(Connection channel, object?[]? initializer, object?[]? initArgs, int maxTasks)
    {
        var fd = channel.Fileno;
        var output = new OutBuffer();
        if (initializer is not null)
        {
            var target = PoolProtocol.FromTuple(initializer);
            try
            {
                TargetCalls.Resolve(target)(initArgs ?? []);
            }
            catch (Exception e)
            {
                // Reported on the channel for the pool's error, then re-raised: exit code 1 and the traceback on stderr,
                // as for any target that fails (CPython: the initializer's exception kills the worker the same way).
                output.Add(ChannelEncoder.Encode(PoolProtocol.Concat([PoolProtocol.InitFailed, target.DisplayName], RemoteExceptions.Describe(e))));
                TryWriteAll(fd, output);
                throw;
            }
        }

        var functions = new Dictionary<int, Function>();
        var input = new FrameBuffer();
        var completed = 0;
        long firstUnsent = 0;
        while (true)
        {
            ReadOnlySpan<byte> frame;
            while (!input.TryTake(out frame))
            {
                // Nothing more is waiting: what was computed goes out before blocking for more work.
                if (output.Count > 0 && !TryWriteAll(fd, output)) return;
                if (completed > 0 && EngineScheduling.Attached is not null && !Readable(fd)) EngineScheduling.BlockingOutside();
                if (!ReadSome(fd, input)) return;
            }
            EngineScheduling.Point(EnginePoint.Receive);
            // The parent's frames: task arguments may hold manager proxies (InheritedKinds.InTaskArguments).
            var message = (object?[])ChannelDecoder.Decode(frame, null, Sharing.InheritanceReader.ForTaskArguments)!;
            switch ((int)message[0]!)
            {
                case PoolProtocol.Func:
                {
                    var target = PoolProtocol.FromTuple(message, 2);
                    var (invoke, typed) = TargetCalls.ResolvePoolFunction(target);
                    functions[(int)message[1]!] = new Function(invoke, typed, target.DisplayName);
                    break;
                }
                case PoolProtocol.Stop:
                    TryWriteAll(fd, output);
                    return;
                case PoolProtocol.Task:
                {
                    if (output.Count == 0) firstUnsent = Stopwatch.GetTimestamp();
                    output.Add(RunChunk(message, functions));
                    completed++;
                    if (maxTasks > 0 && completed >= maxTasks)
                    {
                        // CPython's worker exits after maxtasks; the goodbye tells the pool this exit is planned.
                        output.Add(PoolProtocol.GoodbyeFrame);
                        TryWriteAll(fd, output);
                        return;
                    }
                    if (output.Count >= FlushBytes || (EngineScheduling.Attached is null && Stopwatch.GetTimestamp() - firstUnsent > MaxHoldTicks))
                        if (!TryWriteAll(fd, output)) return;
                    break;
                }
                default:
                    throw new ChannelFormatError($"pool worker: unknown message kind {message[0]}");
            }
        }
    }

    private sealed record Function(Func<object?[], object?> Invoke, Func<object, object>? Typed, string Name);

    private static byte[] RunChunk(object?[] message, Dictionary<int, Function> functions)
    {
        var chunkId = (long)message[1]!;
        var function = functions[(int)message[2]!];
        var name = function.Name;
        var star = (bool)message[3]!;
        var items = (System.Collections.IList)message[4]!;
        object results;
        try
        {
            if (!star && items is not List<object?> && function.Typed is { } typed)
                results = typed(items);
            else
            {
                var list = new List<object?>(items.Count);
                var single = new object?[1];
                foreach (var item in items)
                {
                    object?[] args;
                    if (star) args = (object?[])item!;
                    else { single[0] = item; args = single; }
                    list.Add(function.Invoke(args));
                }
                results = list;
            }
        }
        catch (Exception e)
        {
            // CPython's mapstar stops at the first failing item: the whole chunk is that exception.
            return ChannelEncoder.Encode(PoolProtocol.Concat([PoolProtocol.Error, chunkId], RemoteExceptions.Describe(e)));
        }
        try
        {
            return ChannelEncoder.Encode(new object?[] { PoolProtocol.Result, chunkId, results }, null, null, "result");
        }
        catch (SerializationError e)
        {
            // The task fails, the worker lives on (CPython: MaybeEncodingError, pool.py worker()).
            var error = new SerializationError($"the result of {name} cannot be sent back to the pool: {e.Message}");
            return ChannelEncoder.Encode(PoolProtocol.Concat([PoolProtocol.Error, chunkId], RemoteExceptions.Describe(error)));
        }
    }

    /// <summary>Whether a read would not block (data or end of file is there).</summary>
    private static bool Readable(int fd)
    {
        var poll = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
        return Libc.poll(&poll, 1, 0) > 0;
    }

    /// <summary>Blocking read of whatever is available; false at end of file (the pool closed the channel or died).</summary>
    private static bool ReadSome(int fd, FrameBuffer input)
    {
        while (true)
        {
            var space = input.FreeSpace();
            nint n;
            fixed (byte* p = space) n = Libc.read(fd, p, (nuint)space.Length);
            if (n > 0) { input.Advance((int)n); return true; }
            if (n == 0) return false;
            var errno = Libc.LastErrno;
            if (errno == Libc.EINTR) continue;
            if (errno == Libc.ECONNRESET) return false;
            throw Libc.Error("read(pool channel)", errno);
        }
    }

    /// <summary>False if the pool is gone (EPIPE/ECONNRESET): the worker then just ends.</summary>
    private static bool TryWriteAll(int fd, OutBuffer output)
    {
        EngineScheduling.Point(EnginePoint.Send);
        while (output.Count > 0)
        {
            var pending = output.Pending;
            nint n;
            fixed (byte* p = pending) n = Libc.write(fd, p, (nuint)pending.Length);
            if (n >= 0) { output.Consumed((int)n); continue; }
            var errno = Libc.LastErrno;
            if (errno == Libc.EINTR) continue;
            if (errno is Libc.EPIPE or Libc.ECONNRESET) return false;
            throw Libc.Error("write(pool channel)", errno);
        }
        return true;
    }
}
