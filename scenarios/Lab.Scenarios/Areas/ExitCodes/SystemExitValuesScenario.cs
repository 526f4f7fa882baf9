using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

/// <summary>sys.exit's argument rules (process.py _bootstrap: None is 0, an int is itself, anything else is
/// printed and gives 1; True is the int 1). The engine's SystemExit has the same overloads.</summary>
public sealed class SystemExitValuesScenario : Scenario
{
    public const string Text = EngineTwins.ExitCodes.ExitCodeTargets.SystemExitText;

    public override string Id => "exit-codes.system-exit-values";
    public override string Rule => "sys.exit(True) gives 1, sys.exit(False) and sys.exit(None) give 0, sys.exit(\"text\") prints the text to stderr and gives 1.";
    public override string Source => "multiprocessing/process.py BaseProcess._bootstrap; seeds 59.11 Exit Codes";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        Case("true", "exitcode=1"),
        Case("false", "exitcode=0"),
        Case("none", "exitcode=0"),
        Case("text", "exitcode=1;stderr_has_text=true"),
    ];

    private static ScenarioCase Case(string value, string expected) =>
        new(value, new Dictionary<string, object?> { ["value"] = value }, expected);
}
