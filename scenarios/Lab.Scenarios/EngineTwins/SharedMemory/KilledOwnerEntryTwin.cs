using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>A child creates a named block and is SIGKILLed; the parent checks, a grace period later, whether /dev/shm still has the entry.</summary>
public sealed class KilledOwnerEntryTwin : EngineTwin
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public override string Id => "shared-memory.killed-owner-entry";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
