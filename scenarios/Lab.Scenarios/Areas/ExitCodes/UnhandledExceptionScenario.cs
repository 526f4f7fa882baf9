using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.ExitCodes;

public sealed class UnhandledExceptionScenario : Scenario
{
    public const string Message = "lab-boom";

    public override string Id => "exit-codes.unhandled-exception";
    public override string Rule => "A child whose target raises has exit code 1 and prints the exception with its traceback on its stderr.";
    public override string Source => "seeds 59.11 Exit Codes; multiprocessing/process.py _bootstrap";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=1;error_reported=true")];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, ExitCodeTargets.Raise, output: ProcessOutput.Capture);
        if (p is null) return Run.Hang("the child");
        var reported = p.Stderr?.Contains(Message, StringComparison.Ordinal) == true;
        return new(Observe.Pairs(("exitcode", p.ExitCode), ("error_reported", reported)), $"structured error: {p.Error}");
    }
}
