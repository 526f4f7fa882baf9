using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>The other half of the main-module rule (seeds 59.8): the same script, or application, with its start behind
/// the guard (<c>if __name__ == "__main__":</c>; the engine's Multiprocessing.RunIfChild, issue #11 §2) starts its child
/// and the child runs, under every start method. On the engine the application is the lab's AOT worker host, its own
/// worker (engine-aot subject); the JIT worker never runs an application's Main.</summary>
public sealed class MainGuardGuardedScenario : Scenario
{
    public override string Id => "start-methods.main-guard-guarded";
    public override string Rule => "A script, or an application that is its own worker, that starts its process behind the main guard starts it normally: the child runs and nothing reports a bootstrapping error.";
    public override string Source => "seeds 59.8 The Main Module Rule";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("script_exitcode=0;child_exitcode=0;bootstrap_error=false")];
}
