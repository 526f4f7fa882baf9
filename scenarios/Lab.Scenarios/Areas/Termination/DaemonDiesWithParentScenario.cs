using Lab.Engine;
using Lab.Engine.Diagnostics;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Termination;

public sealed class DaemonDiesWithParentScenario : Scenario
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public override string Id => "termination.daemon-dies-with-parent";
    public override string Rule => "A daemon child does not outlive its parent, even when the parent is killed with SIGKILL (no orphan keeps running).";
    public override string Source => "seeds 59.20 Daemon Processes ('terminated when the parent process exits'); DESIGN.md, The engine";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("daemon_alive_after_parent_sigkill=false")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => "daemon_alive_after_parent_sigkill=true";

    public override string IntendedDivergence =>
        "CPython terminates daemon children only in its atexit handler, so a parent killed by SIGKILL leaves them running; " +
        "the engine's daemons also set PR_SET_PDEATHSIG, so the kernel kills them with their parent.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
