using Lab.Engine;
using Lab.Engine.Diagnostics;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>A middle child starts a daemon and is killed with SIGKILL; observes whether the daemon outlives it.</summary>
public sealed class DaemonDiesWithParentTwin : EngineTwin
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public override string Id => "termination.daemon-dies-with-parent";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var rendezvous = Rendezvous.Create();
        var middle = scope.Start(TerminationTargets.StartDaemonThenBlock, [rendezvous.Path]);
        // Two connections arrive in either order: the daemon's (silent) and the middle's ("daemon <pid>").
        var peers = new List<Rendezvous.Peer>();
        try
        {
            int? daemonPid = null;
            for (var i = 0; i < 2 && daemonPid is null; i++)
            {
                var peer = rendezvous.Accept(scope.Remaining, out var line);
                if (peer is null) break;
                peers.Add(peer);
                if (line?.StartsWith("daemon ", StringComparison.Ordinal) == true) daemonPid = int.Parse(line[7..]);
            }
            if (daemonPid is null) return Run.Hang("the middle process's report");
            using var daemon = PidWatch.Open(daemonPid.Value);
            middle.Kill();
            if (!scope.Join(middle)) return Run.Hang("the middle process");
            var gone = daemon is null || daemon.WaitForExit(Grace);
            OrphanReaper.ReapAdopted();
            return new(Observe.Pairs(("daemon_alive_after_parent_sigkill", !gone)), $"daemon pid {daemonPid}; waited up to {Grace.TotalSeconds} s");
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
        }
    }
}
