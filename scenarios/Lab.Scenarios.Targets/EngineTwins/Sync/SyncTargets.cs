using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Processes;
using Lab.Engine.Synchronization;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>Targets run in engine children for the sync scenarios (seeds 59.19 Locks, 59.21 Termination). A child
/// that blocks does so in a receive on a connection the parent holds: it returns at once if the parent dies.</summary>
public static class SyncTargets
{
    /// <summary>Children never wait longer than this; the scenario's budget is shorter, and the scope kills them.</summary>
    private static readonly TimeSpan ChildWait = TimeSpan.FromSeconds(60);

    /// <summary>Acquires and returns still holding the lock (exit code 3 if it could not acquire it).</summary>
    [ProcessTarget]
    public static void AcquireAndReturn(ProcessLock @lock)
    {
        if (!@lock.Acquire(timeout: ChildWait)) throw new SystemExit(3);
    }

    /// <summary>Holds the RLock until the parent says "done", then releases it.</summary>
    [ProcessTarget]
    public static void AcquireReportWaitRelease(ProcessRLock @lock, Connection conn)
    {
        if (!@lock.Acquire(timeout: ChildWait)) throw new SystemExit(3);
        conn.Send("held");
        WaitForParent(conn);
        @lock.Release();
    }

    [ProcessTarget]
    public static void WaitEvent(ProcessEvent @event, Connection conn)
    {
        conn.Send("waiting");
        conn.Send(@event.Wait(ChildWait));
    }

    /// <summary>Says "waiting" while holding the condition's lock: the parent can take the lock (and notify) only
    /// once Wait has released it, so the notification cannot come too early.</summary>
    [ProcessTarget]
    public static void WaitCondition(ProcessCondition condition, Connection conn)
    {
        bool notified;
        using (condition.Hold(ChildWait))
        {
            conn.Send("waiting");
            notified = condition.Wait(ChildWait);
        }
        conn.Send(notified);
    }

    /// <summary>Reports "index N", "broken", or "error ..." from one Wait.</summary>
    [ProcessTarget]
    public static void BarrierParty(ProcessBarrier barrier, Connection conn, double timeoutSeconds)
    {
        string result;
        try
        {
            result = $"index {barrier.Wait(TimeSpan.FromSeconds(timeoutSeconds))}";
        }
        catch (BrokenBarrierError)
        {
            result = "broken";
        }
        catch (Exception e)
        {
            result = $"error {e.GetType().Name}: {e.Message}";
        }
        conn.Send(result);
    }

    /// <summary>Acquires, reports "held", and blocks holding the lock (the parent SIGKILLs it).</summary>
    [ProcessTarget]
    public static void AcquireReportBlock(ProcessLock @lock, Connection conn)
    {
        if (!@lock.Acquire(timeout: ChildWait)) throw new SystemExit(3);
        conn.Send("held");
        WaitForParent(conn);
    }

    /// <summary>Works in a loop, holding the lock briefly per unit of work, until the stop event is set; writes the
    /// marker from its finally block. Exit code 4: the loop ran out of time instead of seeing the event.</summary>
    [ProcessTarget]
    public static void WorkUntilStopped(ProcessEvent stop, ProcessLock @lock, Connection conn, string marker)
    {
        var deadline = Environment.TickCount64 + (long)ChildWait.TotalMilliseconds;
        try
        {
            var announced = false;
            while (!stop.IsSet)
            {
                if (Environment.TickCount64 > deadline) throw new SystemExit(4);
                using (@lock.Hold(ChildWait)) { }
                if (!announced)
                {
                    conn.Send("running");
                    conn.Close();
                    announced = true;
                }
                stop.Wait(TimeSpan.FromMilliseconds(5));
            }
        }
        finally
        {
            File.WriteAllText(marker, $"finally ran in pid {Environment.ProcessId}");
        }
    }

    private static void WaitForParent(Connection conn)
    {
        try { conn.Recv(ChildWait); }
        catch (Exception e) when (e is TimeoutException or EndOfStreamException) { }
    }
}
