using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.SharedMemory;

/// <summary>
/// A child creates a named block and is SIGKILLed before it can unlink it. Is the /dev/shm entry still there while
/// the parent lives? The engine: no. The child received no block, so it registered the name with a tracker of its
/// own, which reads EOF when the child dies and unlinks the name (engine/Lab.Engine/SharedMemory/README.md,
/// "Tracker"). CPython: under spawn and forkserver the parent hands its one resource tracker to every child, and
/// the tracker cleans up only when the whole tree has gone, so the entry stays while the parent lives; under fork
/// the parent had not started a tracker yet, so the child started its own, which cleans up (and warns of a leak)
/// as the child dies. Either way the entry is removed afterwards (the CPython twin unlinks it itself).
/// </summary>
public sealed class KilledOwnerEntryScenario : Scenario
{
    public override string Id => "shared-memory.killed-owner-entry";
    public override string Rule => "A block whose creator is SIGKILLed before unlinking it does not stay in /dev/shm while the parent lives: the creator's resource tracker removes it.";
    public override string Source => "seeds 59.17 Shared Memory, 59.21 Termination ('shared resources leaked'); DESIGN.md ('No name leaks after a run, even when an owner is killed'); multiprocessing/resource_tracker.py";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("entry_left_while_parent_alive=false")];

    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod != "fork" ? "entry_left_while_parent_alive=true" : null;

    public override string IntendedDivergence =>
        "Tracker scope: CPython's spawn and forkserver children share the parent's resource tracker, which unlinks a killed child's " +
        "block only when the whole process tree has exited, so the entry stays while the parent lives; an engine child that received " +
        "no block registers its names with a tracker of its own, which unlinks them as soon as that child dies.";
}
