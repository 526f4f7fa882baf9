using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Termination;

/// <summary>A child that asked to handle SIGINT/SIGTERM: CPython's KeyboardInterrupt (SIGINT by default, SIGTERM through a
/// handler that raises it), the engine's CurrentProcess.HandleInterrupts token (issue #13 §1).</summary>
public sealed class InterruptRunsFinallyScenario : Scenario
{
    public override string Id => "termination.interrupt-runs-finally";
    public override string Rule => "A child that handles SIGINT or SIGTERM ends by the interruption: its finally blocks run and it exits with 1.";
    public override string Source => "seeds 59.26 Signals (KeyboardInterrupt in children); 59.21 Termination";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        new[] { "SIGINT", "SIGTERM" }.Select(s => new ScenarioCase(s, new Dictionary<string, object?> { ["signal"] = s }, "exitcode=1;finally_ran=true"));
}
