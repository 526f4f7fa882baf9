using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>
/// set_forkserver_preload: the server loads the named modules (the engine: assemblies) once, and every child forked
/// from it has them before its target runs. CPython's twin preloads a probe module nothing else imports
/// (twins/preload_probe.py) and checks sys.modules at the start of the target; the engine preloads an assembly no
/// worker loads by itself and checks the loaded assemblies. Under fork and spawn the preload list does not apply.
/// </summary>
public sealed class ForkServerPreloadScenario : Scenario
{
    public override string Id => "start-methods.forkserver-preload";
    public override string Rule => "A module (assembly) named in set_forkserver_preload is loaded in a forkserver child before its target runs.";
    public override string Source => "CPython docs, multiprocessing.set_forkserver_preload; Lib/multiprocessing/forkserver.py main()";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("preloaded_before_target=true")];

    public override bool AppliesToEngine(StartMethod method) => method == StartMethod.ForkServer && base.AppliesToEngine(method);

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        startMethod == "forkserver" ? null : "preloaded_before_target=false";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        // Like CPython's, the preload applies to a server started afterwards: stop the running one (if any) first,
        // and afterwards restore an empty preload and stop again, so that no other scenario gets a preloaded server.
        ForkServer.Stop();
        Multiprocessing.SetForkServerPreload([ForkServerTargets.ProbeAssembly]);
        try
        {
            using var scope = new ChildScope(context, budget);
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
