using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Signals;

/// <summary>
/// A terminal's Ctrl-C sends SIGINT to the whole foreground process group (termios(3), INTR), so it reaches a program's
/// children as well as the program. A child of the lab stands in for the program (so the lab's own group is never
/// signalled): it makes itself the leader of a new process group, starts two children that report ready and block,
/// handles SIGINT itself (CPython: catches KeyboardInterrupt; engine: ignores it, see ProcessGroups.IgnoreInterrupts) and sends SIGINT to its group (killpg). Observed: leader_survived (it outlived the interrupt and reported),
/// children_exitcodes (each child's, in start order) and leader_exitcode. Case <c>pool</c>: the leader runs a Pool whose
/// workers each hold a task that announced itself and blocks; observed: map (blocked: not complete 3 s after the
/// interrupt; broken_pool), workers_replaced (the pool runs none of its original workers, and as many), on CPython also
/// workers_exitcodes (the original workers'). Case <c>handling-children</c>: the engine's children call
/// CurrentProcess.HandleInterrupts and end by its cancellation, so they exit 1 as CPython's do (no divergence).
/// </summary>
public sealed class ProcessGroupInterruptScenario : Scenario
{
    public override string Id => "signals.process-group-interrupt";
    public override string Rule => "A SIGINT sent to a process group (a terminal's Ctrl-C) reaches every child in it: a CPython child raises KeyboardInterrupt and exits with 1.";
    public override string Source => "seeds 59.26 Signals, 59.11 Exit Codes; termios(3) (INTR: SIGINT to the foreground process group); killpg(3); issue #13 §1";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
    [
        new("2 children", new Dictionary<string, object?> { ["group"] = "processes", ["children"] = 2 }, "leader_survived=true;children_exitcodes=1,1;leader_exitcode=0"),
        new("pool of 2", new Dictionary<string, object?> { ["group"] = "pool", ["children"] = 2 }, "leader_survived=true;map=broken_pool;workers_replaced=false;leader_exitcode=0"),
        // Children that ask to handle SIGINT (engine: CurrentProcess.HandleInterrupts; CPython: its default handler).
        new("2 children handling SIGINT", new Dictionary<string, object?> { ["group"] = "handling-children", ["children"] = 2 }, "leader_survived=true;children_exitcodes=1,1;leader_exitcode=0"),
    ];

    /// <summary>The engine's worker keeps SIGINT's default action (WorkerMain.DefaultSignalDispositions); CPython's pool
    /// replaces the workers that died of KeyboardInterrupt and loses their tasks.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        ((string)@case.Params["group"]!, kind) switch
        {
            ("processes", SubjectKind.Engine) => "leader_survived=true;children_exitcodes=-2,-2;leader_exitcode=0",
            ("pool", SubjectKind.Python) => "leader_survived=true;workers_exitcodes=1,1;map=blocked;workers_replaced=true;leader_exitcode=0",
            _ => null,
        };

    public override string IntendedDivergence =>
        "A CPython child turns the group's SIGINT into KeyboardInterrupt, which process.py's _bootstrap reports as exit code 1; " +
        "the engine's worker keeps SIGINT's default action (WorkerMain.DefaultSignalDispositions: .NET has no exception raised " +
        "into the running thread), so each child dies by the signal (-2), unless it asks for the cooperative KeyboardInterrupt " +
        "(CurrentProcess.HandleInterrupts: case handling-children, exit 1 on both). The leader survives on both: CPython's catches KeyboardInterrupt, the engine's ignores SIGINT. " +
        "A pool in the group: CPython's workers die of KeyboardInterrupt in their tasks (exit 1), _maintain_pool starts new " +
        "ones and the tasks they held are lost, so the map never completes (bpo-22393, as in pool.worker-killed-during-map); " +
        "the engine's workers die by the signal and its pool fails the map with BrokenPoolError instead of replacing them.";
}
