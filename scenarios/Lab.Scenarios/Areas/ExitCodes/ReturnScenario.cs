using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

public sealed class ReturnScenario : Scenario
{
    public override string Id => "exit-codes.return";
    public override string Rule => "A target that returns normally gives exit code 0.";
    public override string Source => "seeds 59.11 Exit Codes (0: success)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("exitcode=0")];
}
