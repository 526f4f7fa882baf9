using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>Preloads a probe assembly in a fresh fork server; a child reports whether it has it loaded before its target runs.</summary>
public sealed class ForkServerPreloadTwin : EngineTwin
{
    public override string Id => "start-methods.forkserver-preload";

    public override string? NotUnder(StartMethod method) =>
        method == StartMethod.ForkServer ? null : "set_forkserver_preload applies to the forkserver only: under spawn the engine has no server to preload";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        // Like CPython's, the preload applies to a server started afterwards: stop the running one (if any) first,
        // and afterwards restore an empty preload and stop again, so that no other scenario gets a preloaded server.
        ForkServer.Stop();
        Multiprocessing.SetForkServerPreload([ForkServerTargets.ProbeAssembly]);
        try
        {
            // Preloading loads assemblies, which only the JIT forkserver does: an AOT server has everything compiled in and
            // nothing to load (README.md, "Native AOT workers"), so on the engine-aot subject too this runs on the JIT worker.
            using var scope = new ChildScope(context.WithWorker(WorkerChoice.Jit), budget);
            var p = Run.ToEnd(scope, ForkServerTargets.ReportPreloaded);
            if (p is null) return Run.Hang("the child");
            // The child is forked from the server (a pre-started worker), so what it has loaded comes from there.
            return new(Observe.Pairs(("preloaded_before_target", p.ExitCode == 10)), $"child exit {p.ExitCode} (10: loaded, 20: not loaded)");
        }
        finally
        {
            Multiprocessing.SetForkServerPreload([]);
            ForkServer.Stop();
        }
    }
}
