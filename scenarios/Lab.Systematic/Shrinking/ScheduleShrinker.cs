using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Shrinking;

/// <summary>
/// Before/after figures of one shrink. <see cref="Verified"/>: the shrunk schedule was replayed strictly and gave the
/// same bug; if that ever fails, <see cref="Schedule"/> is the original.
/// </summary>
public sealed record ShrinkResult(Schedule Schedule, int OriginalSteps, int OriginalPreemptions, int Attempts, bool Verified)
{
    public int Steps => Schedule.Steps.Count;

    public int Preemptions => Schedule.Preemptions;
}

/// <summary>
/// Minimises a failing schedule: fewer preemptions first, then fewer steps (the order Lincheck and CHESS report by:
/// a schedule with fewer context switches is the one a person can follow). Candidates are edits of the best schedule so
/// far, run under <see cref="GuidedStrategy"/> (follow the candidate's decisions, anchored per operation, where they
/// fit; else do not preempt):
/// <list type="number">
/// <item>each preemption, latest first, replaced by "keep running the current operation";</item>
/// <item>the same, with every decision after it dropped (the non-preemptive continuation);</item>
/// <item>prefixes of length 0, 1, 2, 4, 8, … followed by the non-preemptive continuation;</item>
/// <item>when edits no longer help, a search for the same bug with fewer preemptions: DFS with preemption bound
/// 0, 1, … below the current count (iterative context bounding, Musuvathi &amp; Qadeer, PLDI 2007), within what is
/// left of the attempt budget. Edits cannot move a preemption to another place; this finds it.</item>
/// </list>
/// A candidate is kept if what actually ran ends in the same bug (<see cref="Bug.Signature"/>) and is strictly smaller
/// by (preemptions, steps); both passes repeat until neither helps or the attempt budget is spent. The result is then
/// re-checked by a strict replay (<see cref="Replayer"/>).
/// </summary>
public static class ScheduleShrinker
{
    public static ShrinkResult Shrink(ExecutionEngine engine, SystematicProgram program, Schedule failing, int maxAttempts = 200)
    {
        var bug = failing.Bug ?? throw new ArgumentException("only a failing schedule can be shrunk", nameof(failing));
        var best = failing.Steps;
        var bestBug = bug;
        var attempts = 0;

        bool Keep(IterationResult run)
        {
            if (run.Bug is null || run.Bug.Signature != bug.Signature || !Smaller(run.Steps, best)) return false;
            best = run.Steps;
            bestBug = run.Bug;
            return true;
        }

        bool TryCandidate(IReadOnlyList<TraceStep> candidate)
        {
            if (attempts >= maxAttempts) return false;
            attempts++;
            var strategy = new GuidedStrategy(candidate);
            strategy.PrepareIteration(0);
            return Keep(engine.Run(program, strategy, failing.MaxSteps));
        }

        bool SearchFewerPreemptions()
        {
            var current = best.Count(s => s.IsPreemption);
            for (var bound = 0; bound < current; bound++)
            {
                var dfs = new DfsStrategy(bound);
                for (var i = 0; attempts < maxAttempts && dfs.PrepareIteration(i); i++)
                {
                    attempts++;
                    if (Keep(engine.Run(program, dfs, failing.MaxSteps))) return true;
                }
            }
            return false;
        }

        var improved = true;
        while (improved && attempts < maxAttempts)
            improved = DropPreemptions(best, keepRest: true, TryCandidate) || DropPreemptions(best, keepRest: false, TryCandidate)
                || Truncate(best, TryCandidate) || SearchFewerPreemptions();

        var shrunk = failing with { Steps = best, Bug = bestBug, Shrunk = !ReferenceEquals(best, failing.Steps) };
        if (!shrunk.Shrunk) return new ShrinkResult(failing, failing.Steps.Count, failing.Preemptions, attempts, Verified: true);
        var check = Replayer.Replay(engine, program, shrunk);
        return check.Reproducible
            ? new ShrinkResult(shrunk, failing.Steps.Count, failing.Preemptions, attempts, Verified: true)
            : new ShrinkResult(failing, failing.Steps.Count, failing.Preemptions, attempts, Verified: false);
    }

    private static bool DropPreemptions(IReadOnlyList<TraceStep> best, bool keepRest, Func<IReadOnlyList<TraceStep>, bool> tryCandidate)
    {
        for (var i = best.Count - 1; i >= 0; i--)
        {
            if (!best[i].IsPreemption) continue;
            var candidate = keepRest ? best.ToArray() : best.Take(i + 1).ToArray();
            candidate[i] = candidate[i] with { Choice = candidate[i].Operation, IsPreemption = false };
            if (tryCandidate(candidate)) return true;
        }
        return false;
    }

    private static bool Truncate(IReadOnlyList<TraceStep> best, Func<IReadOnlyList<TraceStep>, bool> tryCandidate)
    {
        for (var length = 0; length < best.Count; length = length == 0 ? 1 : length * 2)
            if (tryCandidate(best.Take(length).ToArray())) return true;
        return false;
    }

    private static bool Smaller(IReadOnlyList<TraceStep> candidate, IReadOnlyList<TraceStep> best)
    {
        var (cp, bp) = (candidate.Count(s => s.IsPreemption), best.Count(s => s.IsPreemption));
        return cp < bp || (cp == bp && candidate.Count < best.Count);
    }
}
