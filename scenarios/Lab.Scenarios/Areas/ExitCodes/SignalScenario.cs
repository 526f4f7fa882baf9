using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.ExitCodes;

public sealed class SignalScenario : Scenario
{
    private static readonly (string Name, int Number)[] Signals = [("SIGTERM", 15), ("SIGKILL", 9), ("SIGINT", 2), ("SIGSEGV", 11), ("SIGABRT", 6)];

    public override string Id => "exit-codes.signal";
    public override string Rule => "A child that dies by signal N has exit code -N.";
    public override string Source => "seeds 59.11 Exit Codes (negative value: terminated by signal); 59.26 Signals";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => Signals.Select(s =>
        new ScenarioCase(s.Name, new Dictionary<string, object?> { ["signal"] = s.Name }, $"exitcode={-s.Number}"));

    /// <summary>CPython's child turns SIGINT into KeyboardInterrupt, which _bootstrap reports as exit code 1.</summary>
    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        (string)@case.Params["signal"]! == "SIGINT" ? "exitcode=1" : null;

    public override string IntendedDivergence =>
        "SIGINT: a CPython child raises KeyboardInterrupt and exits with 1; the engine's worker keeps SIGINT's default action, so it dies by the signal (-2), like every other signal.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        var name = (string)@case.Params["signal"]!;
        var p = name switch
        {
            "SIGSEGV" => Run.ToEnd(scope, ExitCodeTargets.Segfault),
            "SIGABRT" => Run.ToEnd(scope, ExitCodeTargets.Abort),
            "SIGTERM" => Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Terminate()),
            "SIGKILL" => Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Kill()),
            "SIGINT" => Run.ReadyThen(scope, ExitCodeTargets.ReadyThenBlock, child => child.Interrupt()),
            _ => throw new ArgumentException($"no such case: {name}"),
        };
        return p is null ? Run.Hang("the child") : new(Observe.Pairs(("exitcode", p.ExitCode)));
    }
}
