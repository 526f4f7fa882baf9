using Lab.Engine.Scheduling;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>An engine thread (the queue feeder) started as a controlled operation; joining it is a Join point.</summary>
internal sealed class ControlledEngineThread(ControlledOperation operation) : IEngineThread
{
    /// <summary>From a controlled caller: blocks until the operation completes; a timed join times out only when every
    /// operation is blocked (<see cref="ControlledRuntime.BlockOnTimed"/>), after its real timeout. From any other thread
    /// it cannot wait for a controlled operation, and answers whether it has completed.</summary>
    public bool Join(TimeSpan? timeout)
    {
        if (EngineSchedulerAdapter.Caller() is not { } me) return operation.IsCompleted;
        if (timeout is not { } t)
        {
            operation.Join();
            return true;
        }
        var started = Environment.TickCount64;
        me.Runtime.SchedulingPoint(SchedulingPointKind.Join);
        while (!operation.IsCompleted)
        {
            if (me.Runtime.BlockOnTimed(operation, SchedulingPointKind.Join)) continue;
            RealTime.WaitOut(started, t);
            return operation.IsCompleted;
        }
        return true;
    }
}

/// <summary>Waiting out a real deadline after a controlled time-out.</summary>
internal static class RealTime
{
    /// <summary>
    /// Returns once <paramref name="timeout"/> has passed since <paramref name="startedMs"/> on the monotonic clock the
    /// engine's deadlines use (Environment.TickCount64). The engine re-checks the clock after a timed wait returns, so a
    /// controlled time-out must not come back early. Sleeping here holds up no controlled operation: a time-out is only
    /// granted when every other one is blocked.
    /// </summary>
    public static void WaitOut(long startedMs, TimeSpan timeout)
    {
        var end = startedMs + (long)Math.Ceiling(Math.Max(0, timeout.TotalMilliseconds));
        for (var left = end - Environment.TickCount64; left > 0; left = end - Environment.TickCount64)
            Thread.Sleep((int)Math.Min(left, int.MaxValue));
    }
}
