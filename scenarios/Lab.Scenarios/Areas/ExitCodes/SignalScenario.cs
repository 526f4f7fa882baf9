using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.ExitCodes;

public sealed class SignalScenario : Scenario
{
    private static readonly (string Name, int Number)[] Signals = [("SIGTERM", 15), ("SIGKILL", 9), ("SIGINT", 2), ("SIGSEGV", 11), ("SIGABRT", 6)];

    public override string Id => "exit-codes.signal";
    public override string Rule => "A child that dies by signal N has exit code -N.";
    public override string Source => "seeds 59.11 Exit Codes (negative value: terminated by signal); 59.26 Signals";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => Signals.Select(s =>
        new ScenarioCase(s.Name, new Dictionary<string, object?> { ["signal"] = s.Name }, $"exitcode={-s.Number}"));

    /// <summary>A Python child turns SIGINT into KeyboardInterrupt, which _bootstrap reports as exit code 1.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && (string)@case.Params["signal"]! == "SIGINT" ? (Observation)"exitcode=1" : null;

    public override string IntendedDivergence =>
        "SIGINT: a CPython child raises KeyboardInterrupt and exits with 1; an engine child that has not asked to handle it " +
        "(CurrentProcess.HandleInterrupts, scenario termination.interrupt-runs-finally) keeps SIGINT's default action, so it dies " +
        "by the signal (-2), like every other signal: .NET cannot raise an exception into a running thread.";
}
