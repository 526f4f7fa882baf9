using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

/// <summary>System.Diagnostics.Process reports 128+N for a signal death, so exit(137) and SIGKILL look alike
/// there; the engine reaps with wait4 and keeps them apart, as CPython does.</summary>
public sealed class Exit137VersusSigkillScenario : Scenario
{
    public override string Id => "exit-codes.exit-137-vs-sigkill";
    public override string Rule => "A child that exits with 137 reads 137 and a child killed by SIGKILL reads -9: the two are told apart.";
    public override string Source => "seeds 59.11 Exit Codes; DESIGN.md, The engine";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exit137=137;sigkill=-9")];
}
