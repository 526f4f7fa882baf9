using Lab.Engine;
using Lab.Scenarios.Areas.Sync;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

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
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public override string Id => "shared-memory.killed-owner-entry";
    public override string Rule => "A block whose creator is SIGKILLed before unlinking it does not stay in /dev/shm while the parent lives: the creator's resource tracker removes it.";
    public override string Source => "seeds 59.17 Shared Memory, 59.21 Termination ('shared resources leaked'); DESIGN.md ('No name leaks after a run, even when an owner is killed'); multiprocessing/resource_tracker.py";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("entry_left_while_parent_alive=false")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) =>
        startMethod == "fork" ? null : "entry_left_while_parent_alive=true";

    public override string IntendedDivergence =>
        "Tracker scope: CPython's spawn and forkserver children share the parent's resource tracker, which unlinks a killed child's " +
        "block only when the whole process tree has exited, so the entry stays while the parent lives; an engine child that received " +
        "no block registers its names with a tracker of its own, which unlinks them as soon as that child dies.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var name = SharedMemoryTargets.FreshName();
        bool existed, left;
        int? exitCode;
        try
        {
            using var scope = new ChildScope(context, budget);
            var (p, mine) = scope.StartConnected(SharedMemoryTargets.CreateReportBlock, name);
            if (!Expect.Message(mine, scope, p, "the child's 'created'", out _, out var failure)) return failure!;
            existed = SharedMemoryTargets.EntryExists(name);
            p.Kill();
            if (!scope.Join(p)) return Run.Hang("the killed owner");
            exitCode = p.ExitCode;
            // A cleaner gets a moment: the entry counts as left only if it is still there Grace after the owner was reaped.
            var deadline = Environment.TickCount64 + (long)Grace.TotalMilliseconds;
            while (SharedMemoryTargets.EntryExists(name) && Environment.TickCount64 < deadline) Thread.Sleep(20);
            left = SharedMemoryTargets.EntryExists(name);
        }
        finally
        {
            // The killed child's tracker is now an orphan of this process: reap it if it has ended.
            Lab.Engine.Diagnostics.OrphanReaper.ReapAdopted();
            SharedMemoryTargets.UnlinkIfPresent(name);
        }
        return new(Observe.Pairs(("entry_left_while_parent_alive", left)),
            $"child created /dev/shm/{name} (seen before the kill: {existed}), SIGKILLed (exit code {exitCode}); {Grace.TotalSeconds} s later the entry was {(left ? "still there (unlinked by the scenario)" : "gone")}");
    }
}
