using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Scenarios.Areas.ExitCodes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>A child's target raises; the parent reads its exit code and whether its stderr reports the exception.</summary>
public sealed class UnhandledExceptionTwin : EngineTwin
{
    public override string Id => "exit-codes.unhandled-exception";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, ExitCodeTargets.Raise, output: ProcessOutput.Capture);
        if (p is null) return Run.Hang("the child");
        var reported = p.Stderr?.Contains(UnhandledExceptionScenario.Message, StringComparison.Ordinal) == true;
        return new(Observe.Pairs(("exitcode", p.ExitCode), ("error_reported", reported)), $"structured error: {p.Error}");
    }
}
