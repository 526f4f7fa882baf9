namespace Lab.Engine.Tests;

/// <summary>Targets of <see cref="InterruptTests"/>: children that ask to handle SIGINT/SIGTERM
/// (CurrentProcess.HandleInterrupts) and report through handshakes what ran.</summary>
public static class InterruptTargets
{
    /// <summary>Waits for the interrupt, then ends by its cancellation; the finally block reports.</summary>
    public static void WaitThenEndByInterrupt(string ready, string done)
    {
        var token = CurrentProcess.HandleInterrupts();
        try
        {
            Handshake.Send(ready);
            token.WaitHandle.WaitOne();
            token.ThrowIfCancellationRequested();
        }
        finally
        {
            Handshake.Send(done, "finally");
        }
    }

    /// <summary>Handles interrupts but never looks at the token: says when the first one arrived, then sleeps on.</summary>
    public static void IgnoreTheToken(string ready, string seen)
    {
        var token = CurrentProcess.HandleInterrupts();
        token.Register(() => Handshake.Send(seen, "seen"));
        Handshake.Send(ready);
        Thread.Sleep(Timeout.Infinite);
    }

    public static int SleepLong(int x)
    {
        Thread.Sleep(TimeSpan.FromMinutes(2));
        return x;
    }

    /// <summary>Runs a pool map of long tasks; the interrupt ends the map's wait. Reports the worker pids when ready,
    /// then how the map ended; leaving the using block terminates the pool.</summary>
    public static void MapUntilInterrupted(string ready, string done)
    {
        CurrentProcess.HandleInterrupts();
        using var pool = new Pool(2);
        Handshake.Send(ready, string.Join(",", pool.WorkerPids));
        try
        {
            pool.Map(SleepLong, [1, 2, 3, 4], chunksize: 1);
            Handshake.Send(done, "completed");
        }
        catch (ProcessInterruptedException e)
        {
            Handshake.Send(done, $"interrupted {e.Signal}");
        }
    }

    /// <summary>Joins a blocked child until interrupted; then terminates it and joins again, which waits as usual (the
    /// interrupt is raised once, as CPython's KeyboardInterrupt).</summary>
    public static void JoinUntilInterrupted(string ready, string done)
    {
        CurrentProcess.HandleInterrupts();
        using var childReady = new Handshake();
        using var child = new Process(Targets.ReadyThenSleep, [childReady.Path]);
        child.Start();
        childReady.Receive(child, Limits.Join);
        Handshake.Send(ready);
        try
        {
            child.Join();
            Handshake.Send(done, "joined");
        }
        catch (ProcessInterruptedException e)
        {
            child.Terminate();
            var joined = child.Join(Limits.Join);
            Handshake.Send(done, $"interrupted {e.Signal}; joined again {joined}, exit code {child.ExitCode}");
        }
    }

    /// <summary>A parent of a cooperative child, a child that ignores the request, a child that does not handle
    /// interrupts and a pool with a map in flight; ShutdownChildren with a 2 s deadline; reports the outcomes.</summary>
    public static void ShutdownGroup(string done)
    {
        using var readiness = new Handshake();
        using var finallies = new Handshake();
        using var seen = new Handshake();
        using var cooperative = new Process(WaitThenEndByInterrupt, [readiness.Path, finallies.Path]);
        using var stubborn = new Process(IgnoreTheToken, [readiness.Path, seen.Path]);
        using var plain = new Process(Targets.ReadyThenSleep, [readiness.Path]);
        using var pool = new Pool(2);
        foreach (var child in new[] { cooperative, stubborn, plain })
        {
            child.Start();
            readiness.Receive(child, Limits.Join);
        }
        var map = pool.MapAsync(SleepLong, [1, 2, 3, 4], chunksize: 1);
        var outcomes = Multiprocessing.ShutdownChildren(TimeSpan.FromSeconds(2)).ToDictionary(o => o.Pid);
        string Outcome(Process p) => outcomes.TryGetValue(p.Pid!.Value, out var o) ? $"{o.ExitCode}/{(o.KilledAtDeadline ? "killed" : "ended")}" : "missing";
        var mapEnded = map.Wait(Limits.Join) ? (map.Successful() ? "completed" : "failed") : "waiting";
        var poolWorkersLeft = pool.WorkerPids.Count;
        Handshake.Send(done,
            $"cooperative={Outcome(cooperative)} finally={finallies.Receive(null, Limits.Join)} stubborn={Outcome(stubborn)} " +
            $"plain={Outcome(plain)} map={mapEnded} pool-workers={poolWorkersLeft} outcomes={outcomes.Count}");
    }
}
