using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

public sealed class ExplicitExitScenario : Scenario
{
    private static readonly int[] QuickCodes = [0, 1, 2, 3, 42, 127, 128, 137, 255];

    public override string Id => "exit-codes.explicit-exit";
    public override string Rule => "A child that exits with n in 0..255 (sys.exit(n); SystemExit(n) on the engine) has exit code n.";
    public override string Source => "seeds 59.11 Exit Codes";

    /// <summary>Every code in full runs; a spread of codes (including 137, which must not read as SIGKILL) in quick runs.</summary>
    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        (settings.Quick ? QuickCodes : Enumerable.Range(0, 256)).Select(n =>
            new ScenarioCase($"code {n}", new Dictionary<string, object?> { ["code"] = n }, $"exitcode={n}"));
}
