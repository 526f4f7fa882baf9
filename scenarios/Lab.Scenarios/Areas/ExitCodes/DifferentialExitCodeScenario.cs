using FsCheck;
using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.ExitCodes;

/// <summary>Generated exit codes: the engine and CPython must report the same exit code for the same exit.</summary>
public sealed class DifferentialExitCodeScenario : DifferentialScenario<int>
{
    public override string Id => "exit-codes.differential-exit-code";
    public override string Rule => "For any n in 0..255, a child that exits with n reads the same exit code on the engine and on CPython.";
    public override string Source => "seeds 59.11 Exit Codes; issue #3 §4 (differential properties)";

    protected override Arbitrary<int> Inputs => Gen.Choose(0, 255).ToArbitrary();

    protected override string ObserveOnEngine(int code, ProcessContext context, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var p = Run.ToEnd(scope, ExitCodeTargets.Exit, [code]);
        return p is null ? Observation.Hang : Observe.Pairs(("exitcode", p.ExitCode));
    }

    protected override (string Twin, Dictionary<string, object?> Params) TwinCall(int code) =>
        ("exit-codes.explicit-exit", new Dictionary<string, object?> { ["code"] = code });
}
