using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Signals;

/// <summary>
/// A terminal's Ctrl-C sends SIGINT to the whole foreground process group (termios(3), INTR), so it reaches a program's
/// children as well as the program. A child of the lab stands in for the program (so the lab's own group is never
/// signalled): it makes itself the leader of a new process group, starts two children that report ready and block,
/// handles SIGINT itself (CPython: catches KeyboardInterrupt; engine: ignores it, since a worker's PosixSignalRegistration is never called) and sends SIGINT to its group (killpg). Observed: leader_survived (it outlived the interrupt and reported),
/// children_exitcodes (each child's, in start order) and leader_exitcode.
/// </summary>
public sealed class ProcessGroupInterruptScenario : Scenario
{
    public override string Id => "signals.process-group-interrupt";
    public override string Rule => "A SIGINT sent to a process group (a terminal's Ctrl-C) reaches every child in it: a CPython child raises KeyboardInterrupt and exits with 1.";
    public override string Source => "seeds 59.26 Signals, 59.11 Exit Codes; termios(3) (INTR: SIGINT to the foreground process group); killpg(3); issue #13 §1";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("2 children", new Dictionary<string, object?> { ["children"] = 2 }, "leader_survived=true;children_exitcodes=1,1;leader_exitcode=0")];

    /// <summary>The engine's worker keeps SIGINT's default action (WorkerMain.DefaultSignalDispositions).</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Engine ? "leader_survived=true;children_exitcodes=-2,-2;leader_exitcode=0" : null;

    public override string IntendedDivergence =>
        "A CPython child turns the group's SIGINT into KeyboardInterrupt, which process.py's _bootstrap reports as exit code 1; " +
        "the engine's worker keeps SIGINT's default action (WorkerMain.DefaultSignalDispositions: .NET has no exception raised " +
        "into the running thread), so each child dies by the signal (-2). The leader survives on both: CPython's catches KeyboardInterrupt, the engine's ignores SIGINT.";
}
