using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

public sealed class TerminateSkipsFinallyScenario : Scenario
{
    public override string Id => "termination.terminate-skips-finally";
    public override string Rule => "terminate() stops a child abruptly: its finally blocks do not run and it dies by SIGTERM.";
    public override string Source => "seeds 59.21 Termination ('finally blocks skipped')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=-15;finally_ran=false")];
}
