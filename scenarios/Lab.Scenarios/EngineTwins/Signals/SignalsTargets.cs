using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Diagnostics;
using Lab.Scenarios.EngineTwins.ExitCodes;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Signals;

/// <summary>What the Signals twins run in engine children.</summary>
public static class SignalsTargets
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Leads a new process group, starts <paramref name="children"/> children that say "ready" and block, ignores SIGINT
    /// itself (a PosixSignalRegistration would never be called in a worker: see ProcessGroups.IgnoreInterrupts) and sends
    /// SIGINT to its whole group, as a terminal's Ctrl-C does. Sends back [true (it survived), exit code of each child
    /// (null: still running after the wait)].
    /// </summary>
    public static void InterruptOwnGroup(string method, int children, Connection conn)
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
                var p = context.Process(ExitCodeTargets.ReadyThenBlock, [rendezvous.Path]);
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
}
