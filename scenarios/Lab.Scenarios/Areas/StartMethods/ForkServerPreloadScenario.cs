using Lab.Scenarios.Model;

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

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod != "forkserver" ? Observation.Parse("preloaded_before_target=false") : null;
}
