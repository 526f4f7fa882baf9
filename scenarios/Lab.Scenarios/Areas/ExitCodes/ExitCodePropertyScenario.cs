using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.ExitCodes;

/// <summary>The generated twin of explicit-exit: FsCheck draws codes, including out-of-range ones, which the OS
/// masks to the low 8 bits exactly as for a CPython child (sys.exit(256) reads 0, sys.exit(-1) reads 255).</summary>
public sealed class ExitCodePropertyScenario : Scenario
{
    public override string Id => "exit-codes.exit-code-property";
    public override string Rule => "For any int n, a child that exits with n has exit code n & 0xFF (the OS keeps 8 bits).";
    public override string Source => "seeds 59.11 Exit Codes; exit(3): the status is n & 0377";
    public override ScenarioKind Kind => ScenarioKind.Property;
    public override bool HasCpythonTwin => false;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [PropertyRunner.Case(settings)];

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var codes = Gen.OneOf(Gen.Choose(0, 255), Gen.Choose(-1000, 1000)).ToArbitrary();
        var property = Prop.ForAll(codes, n =>
        {
            using var scope = new ChildScope(context, budget);
            var p = Run.ToEnd(scope, ExitCodeTargets.Exit, [n]);
            return p is not null && p.ExitCode == (n & 0xFF);
        });
        return PropertyRunner.Check(property, Id, settings, settings.PropertyTests);
    }
}
