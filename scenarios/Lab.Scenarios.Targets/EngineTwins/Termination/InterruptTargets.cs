using Lab.Engine;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>Children that ask to handle SIGINT/SIGTERM (CurrentProcess.HandleInterrupts), for the interruption and
/// group-shutdown scenarios.</summary>
public static class InterruptTargets
{
    /// <summary>Says ready, waits for the interrupt and ends by it; its finally block writes the marker.</summary>
    [ProcessTarget]
    public static void WaitForInterrupt(string rendezvous, string marker)
    {
        var token = CurrentProcess.HandleInterrupts();
        using var peer = Rendezvous.Connect(rendezvous);
        try
        {
            peer.SendLine("ready");
            token.WaitHandle.WaitOne();
            token.ThrowIfCancellationRequested();
        }
        finally
        {
            File.WriteAllText(marker, "finally ran");
        }
    }

    /// <summary>Handles interrupts but never looks at the token (CPython: a SIGTERM handler that does nothing).</summary>
    [ProcessTarget]
    public static void IgnoreInterrupts(string rendezvous)
    {
        CurrentProcess.HandleInterrupts();
        using var peer = Rendezvous.Connect(rendezvous);
        peer.SendLine("ready");
        peer.ReceiveLine();
    }

    /// <summary>A pool task that outlasts every scenario: only a terminate ends it.</summary>
    [ProcessTarget]
    public static int SleepLong(int x)
    {
        Thread.Sleep(TimeSpan.FromMinutes(5));
        return x;
    }

    private static ProcessContext OwnContext => Multiprocessing.GetContext(CurrentProcess.StartMethod ?? Multiprocessing.DefaultStartMethod);

    /// <summary>The parent of interrupted-pool-map: reports its pool's workers, blocks in Map until interrupted, leaves
    /// the pool's using block (which terminates it) and reports how the map ended.</summary>
    [ProcessTarget]
    public static void MapUntilInterrupted(string rendezvous)
    {
        CurrentProcess.HandleInterrupts();
        using var peer = Rendezvous.Connect(rendezvous);
        string outcome;
        using (var pool = OwnContext.Pool(2))
        {
            peer.SendLine($"ready {string.Join(",", pool.WorkerPids)}");
            try
            {
                pool.Map(SleepLong, [1, 2, 3, 4], chunksize: 1);
                outcome = "completed";
            }
            catch (ProcessInterruptedException)
            {
                outcome = "interrupted";
            }
        }
        peer.SendLine(outcome);
    }

    /// <summary>The parent of shutdown-deadline: a cooperative, a stubborn and a plain child, a pool with a map in flight,
    /// then Multiprocessing.ShutdownChildren with a 2 s deadline. Reports the outcomes as observation pairs.</summary>
    [ProcessTarget]
    public static void ShutdownGroup(string rendezvous, string marker)
    {
        var context = OwnContext;
        using var peer = Rendezvous.Connect(rendezvous);
        using var children = Rendezvous.Create();
        using var pool = context.Pool(2);
        var started = new List<(string Name, Process Child, Rendezvous.Peer Peer)>();
        try
        {
            foreach (var (name, target, args) in new (string, Delegate, object?[])[]
            {
                ("cooperative", WaitForInterrupt, [children.Path, marker]),
                ("stubborn", IgnoreInterrupts, [children.Path]),
                ("plain", ExitCodes.ExitCodeTargets.ReadyThenBlock, [children.Path]),
            })
            {
                var child = context.Process(target, args);
                child.Start();
                var childPeer = children.Accept(TimeSpan.FromSeconds(30), out var line);
                if (childPeer is null || line != "ready") throw new TimeoutException($"the {name} child did not get ready");
                started.Add((name, child, childPeer));
            }
            var map = pool.MapAsync(SleepLong, [1, 2, 3, 4], chunksize: 1);
            var pids = started.Select(s => s.Child.Pid!.Value).Concat(pool.WorkerPids).ToList();
            var outcomes = Multiprocessing.ShutdownChildren(TimeSpan.FromSeconds(2)).ToDictionary(o => o.Pid);
            var alive = pids.Count(pid => Lab.Engine.Diagnostics.ProcStat.Read(pid) is { IsZombie: false });
            string Code(int i) => $"{outcomes.GetValueOrDefault(started[i].Child.Pid!.Value)?.ExitCode}";
            peer.SendLine($"cooperative={Code(0)};cooperative_finally={(File.Exists(marker) ? "true" : "false")};stubborn={Code(1)};" +
                $"plain={Code(2)};map_ready={(map.Ready ? "true" : "false")};alive_after={alive}");
        }
        finally
        {
            foreach (var (_, child, childPeer) in started)
            {
                childPeer.Dispose();
                child.Dispose();
            }
        }
    }
}
