using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Diagnostics;
using Lab.Scenarios.EngineTwins.ExitCodes;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Signals;

/// <summary>What the Signals twins run in engine children.</summary>
public static class SignalsTargets
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader waits for the pool's map after the interrupt (CPython's never completes).</summary>
    private static readonly TimeSpan MapWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Leads a new process group, starts <paramref name="children"/> children that say "ready" and block (with
    /// <paramref name="handling"/>, after asking to handle SIGINT: <see cref="HandleInterruptsThenWait"/>), ignores SIGINT
    /// itself (ProcessGroups.IgnoreInterrupts says why it does not handle it) and sends
    /// SIGINT to its whole group, as a terminal's Ctrl-C does. Sends back [true (it survived), exit code of each child
    /// (null: still running after the wait)].
    /// </summary>
    [ProcessTarget]
    public static void InterruptOwnGroup(string method, int children, bool handling, Connection conn)
    {
        var pgid = ProcessGroups.LeadNewGroup();
        var context = Multiprocessing.GetContext(Enum.Parse<StartMethod>(method));
        using var rendezvous = Rendezvous.Create();
        var kids = new List<Process>();
        var peers = new List<Rendezvous.Peer>();
        try
        {
            for (var i = 0; i < children; i++)
            {
                var p = context.Process(handling ? HandleInterruptsThenWait : ExitCodeTargets.ReadyThenBlock, [rendezvous.Path]);
                kids.Add(p);
                p.Start();
            }
            for (var i = 0; i < children; i++)
            {
                var peer = rendezvous.Accept(Wait, out var line);
                if (peer is null || line != "ready") throw new TimeoutException($"child {i} did not say ready");
                peers.Add(peer);
            }
            ProcessGroups.IgnoreInterrupts();
            ProcessGroups.InterruptOwnGroup(pgid);
            var report = new List<object?> { true };
            report.AddRange(kids.Select(k => k.Join(Wait) ? k.ExitCode : null).Cast<object?>());
            conn.Send(report);
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
            foreach (var k in kids) k.Dispose();
        }
    }

    /// <summary>A child that asks for the cooperative KeyboardInterrupt, says ready, and ends by the interrupt (exit 1).</summary>
    [ProcessTarget]
    public static void HandleInterruptsThenWait(string rendezvous)
    {
        var token = CurrentProcess.HandleInterrupts();
        using var peer = Rendezvous.Connect(rendezvous);
        peer.SendLine("ready");
        token.WaitHandle.WaitOne(Wait);
        token.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The leader with a Pool: every worker runs a task that announces itself (a file named by its pid) and blocks; then
    /// the group's SIGINT. Sends back [true (it survived), the map's outcome, whether the pool now runs other workers
    /// than the original ones, the exit code the broken pool reports (null if none)].
    /// </summary>
    [ProcessTarget]
    public static void InterruptOwnGroupPool(string method, int children, string directory, Connection conn)
    {
        var pgid = ProcessGroups.LeadNewGroup();
        var context = Multiprocessing.GetContext(Enum.Parse<StartMethod>(method));
        using var pool = new Engine.Pool(children, (Action<string>)PoolFunctions.InitRecord, [directory], context: context);
        var result = pool.MapAsync<int, int>(PoolFunctions.AnnounceThenBlock, Enumerable.Range(0, children), 1);
        var deadline = Environment.TickCount64 + (long)Wait.TotalMilliseconds;
        while (Directory.GetFiles(directory, "started-*").Length < children)
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("the pool's workers did not all start a task");
            Thread.Sleep(10);
        }
        var workers = pool.WorkerPids.ToList();
        ProcessGroups.IgnoreInterrupts();
        ProcessGroups.InterruptOwnGroup(pgid);
        string outcome;
        int? exitCode = null;
        try
        {
            result.Get(MapWait);
            outcome = "completed";
        }
        catch (TimeoutException)
        {
            outcome = "blocked";
        }
        catch (BrokenPoolError broken)
        {
            (outcome, exitCode) = ("broken_pool", broken.ExitCode);
        }
        var now = pool.WorkerPids;
        var replaced = now.Count == children && !now.Intersect(workers).Any();
        conn.Send(new List<object?> { true, outcome, replaced, exitCode });
    }
}
