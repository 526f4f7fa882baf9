using Lab.Engine;
using Lab.Engine.Queues;
using Lab.Engine.Scheduling;
using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;

namespace Lab.Systematic.Processes;

/// <summary>What the process programs (scenarios/Lab.Systematic/Processes) run in their scheduled children: kept out of
/// Lab.Systematic so that a Native AOT worker can compile them (issue #11). The programs say what each child is for.</summary>
public static class ProcessProgramTargets
{
    /// <summary><c>CounterProgram</c>'s incrementer; <paramref name="lock"/> null: unlocked.</summary>
    [ProcessTarget]
    public static void Increment(SharedValue<int> counter, ProcessLock? @lock, int rounds)
    {
        for (var r = 0; r < rounds; r++)
        {
            if (@lock is not null)
            {
                ChildPoints.Point(EnginePoint.Acquire);
                @lock.Acquire();
            }
            ChildPoints.Point(EnginePoint.Read);
            var value = Volatile.Read(ref counter.Raw);
            ChildPoints.Point(EnginePoint.Write);
            Volatile.Write(ref counter.Raw, value + 1);
            @lock?.Release();
        }
    }

    /// <summary><c>LockKill</c>'s holder: the stage word says where it was (0 before acquiring … 4 released).</summary>
    [ProcessTarget]
    public static void Holder(ProcessLock @lock, SharedValue<int> stage)
    {
        ChildPoints.Point(EnginePoint.Acquire);
        Volatile.Write(ref stage.Raw, 1);
        @lock.Acquire();
        Volatile.Write(ref stage.Raw, 2);
        ChildPoints.Point(EnginePoint.Write);
        Volatile.Write(ref stage.Raw, 3);
        @lock.Release();
        Volatile.Write(ref stage.Raw, 4);
    }

    /// <summary><c>QueuePutKill</c>'s writer: one item of <see cref="Pattern"/>.</summary>
    [ProcessTarget]
    public static void Writer(ProcessQueue queue, int size) => queue.Put(Pattern(size));

    /// <summary>A position-dependent pattern, so that a reader can tell a whole item from a torn one.</summary>
    public static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)((i * 31) ^ (i >> 8) ^ (i >> 16));
        return bytes;
    }

    /// <summary><c>PoolMapKill</c>'s mapped function.</summary>
    [ProcessTarget]
    public static int Square(int x) => x * x;
}
