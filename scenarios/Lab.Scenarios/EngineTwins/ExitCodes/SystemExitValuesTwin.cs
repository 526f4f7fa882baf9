using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Areas.ExitCodes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>A child raises SystemExit with the case's value (true, false, none or a text); the parent reads its exit
/// code and, for the text, whether its stderr shows it.</summary>
public sealed class SystemExitValuesTwin : EngineTwin
{
    public override string Id => "exit-codes.system-exit-values";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var value = (string)@case.Params["value"]!;
        var p = Run.ToEnd(scope, ExitCodeTargets.ExitWithValue, [value], ProcessOutput.Capture);
        if (p is null) return Run.Hang("the child");
        return value == "text"
            ? new(Observe.Pairs(("exitcode", p.ExitCode), ("stderr_has_text", p.Stderr?.Contains(SystemExitValuesScenario.Text, StringComparison.Ordinal) == true)))
            : new(Observe.Pairs(("exitcode", p.ExitCode)));
    }
}
