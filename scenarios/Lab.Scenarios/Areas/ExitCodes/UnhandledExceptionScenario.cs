using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

public sealed class UnhandledExceptionScenario : Scenario
{
    public const string Message = EngineTwins.ExitCodes.ExitCodeTargets.RaisedMessage;

    public override string Id => "exit-codes.unhandled-exception";
    public override string Rule => "A child whose target raises has exit code 1 and prints the exception with its traceback on its stderr.";
    public override string Source => "seeds 59.11 Exit Codes; multiprocessing/process.py _bootstrap";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=1;error_reported=true")];
}
