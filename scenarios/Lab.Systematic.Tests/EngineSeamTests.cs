using Lab.Systematic.Engine;
using Lab.Systematic.Exploration;
using Lab.Systematic.Runtime;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>
/// The engine seam (issue #5 §2): the engine's futex locks, semaphores, event, condition, barrier and queue feeder run
/// as controlled operations; correct programs survive exhaustive DFS within their stated preemption bound and random/PCT
/// iterations, and the seeded bug is found and replays from its token.
/// </summary>
public class EngineSeamTests
{
    public static TheoryData<string> CorrectPrograms() => [.. EnginePrograms.All.Where(p => p.Expected is null).Select(p => p.Name)];

    private static EngineProgram Named(string name) => EnginePrograms.Find(name) ?? throw new ArgumentException($"no engine program '{name}'");

    [Theory]
    [MemberData(nameof(CorrectPrograms))]
    public void EngineProgram_ExhaustiveDfsWithinStatedBound_FindsNoBug(string name)
    {
        var program = Named(name);
        var settings = new ExplorationSettings { Strategy = "dfs", PreemptionBound = program.DfsBound, Iterations = 100_000, Seed = Explain.Seed };
        var report = Explorer.Explore(program.Program, settings);
        Assert.True(report.Failure is null, Explain.Report(report, settings));
        Assert.True(report.Exhausted, $"DFS(pb={program.DfsBound}) did not exhaust {name} within {settings.Iterations} schedules\n" + Explain.Report(report, settings));
    }

    [Theory]
    [MemberData(nameof(CorrectPrograms))]
    public void EngineProgram_RandomAndPctIterations_FindNoBug(string name)
    {
        foreach (var strategy in new[] { "random", "pct" })
        {
            var settings = new ExplorationSettings { Strategy = strategy, Iterations = 150, Seed = Explain.Seed };
            var report = Explorer.Explore(Named(name).Program, settings);
            Assert.True(report.Failure is null, Explain.Report(report, settings));
            Assert.Equal(settings.Iterations, report.Iterations);
        }
    }

    [Fact]
    public void ConditionLostWakeup_Portfolio_FoundWithinBudgetAndTokenReplaysIt()
    {
        var program = Named("engine.condition-lost-wakeup");
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = program.Budget, ShrinkAttempts = 50 };
        var report = Explorer.Explore(program.Program, settings);
        Assert.True(report.Failure is not null, $"the seeded bug was not found within {program.Budget} portfolio iterations\n" + Explain.Report(report, settings));
        var failure = report.Failure!;
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(BugKind.Assertion, failure.Bug.Kind);
            Assert.Contains("a consumer woke to an empty queue", failure.Bug.Message);
            var replay = Replayer.Replay(program.Program, ReplayToken.Decode(failure.Token));
            Assert.True(replay.Reproducible, replay.Message);
            Assert.Equal(failure.Bug.Kind, replay.Bug!.Kind);
            Assert.Equal(failure.Bug.Step, replay.Bug.Step);
        });
    }

    /// <summary>The deterministic guarantee behind the budget: DFS(pb=1) meets the bug at schedule 423.</summary>
    [Fact]
    public void ConditionLostWakeup_DfsPreemptionBoundOne_FoundWithin500Schedules()
    {
        var settings = new ExplorationSettings { Strategy = "dfs", PreemptionBound = 1, Iterations = 500, Shrink = false };
        var report = Explorer.Explore(Named("engine.condition-lost-wakeup").Program, settings);
        Assert.True(report.Failure is { Bug.Kind: BugKind.Assertion }, Explain.Report(report, settings));
    }

    [Fact]
    public void LockMutualExclusion_OneIteration_ReachesTheEnginesSchedulingPoints()
    {
        // The lock is contended only when the schedule switches to worker-2 at the yield inside worker-1's critical
        // section, which a random schedule does or not. Fixed seeds give the same schedules every run (a time-based seed
        // made this test fail when its one schedule did not contend: 29 steps): the first of seeds 1..50 that contends is
        // checked.
        var program = Named("engine.lock-mutual-exclusion").Program;
        IterationResult? run = null;
        long hooks = 0;
        for (var seed = 1; seed <= 50 && run is null; seed++)
        {
            var before = EngineSchedulerAdapter.PointsReached;
            var attempt = RunOnce(program, (ulong)seed);
            Assert.Null(attempt.Bug);
            if (attempt.Steps.Any(s => s.Kind == SchedulingPointKind.Wait)) (run, hooks) = (attempt, EngineSchedulerAdapter.PointsReached - before);
        }
        Assert.True(run is not null, "no schedule of seeds 1..50 contended for the lock: the futex wait is not a scheduling point");
        // Spawn, yield, join and complete steps are the program's own; the rest come from the engine's hooks: a lock
        // acquire, the owner words, the contended xchg and futex wait, the unlock and the wake.
        var kinds = run.Steps.Select(s => s.Kind).ToHashSet();
        Assert.True(run.Steps.Count >= 30, $"only {run.Steps.Count} steps: the engine's scheduling points are not reached");
        Assert.Superset(new HashSet<SchedulingPointKind> { SchedulingPointKind.Acquire, SchedulingPointKind.Read, SchedulingPointKind.Write, SchedulingPointKind.Release, SchedulingPointKind.Wait, SchedulingPointKind.Notify }, kinds);
        Assert.True(hooks >= 20, $"the adapter counted {hooks} engine hooks for a contended lock: {string.Join(" ", run.Steps)}");
    }

    [Fact]
    public void QueueFeeder_OneIteration_StartsTheFeederAsAControlledOperation()
    {
        var run = RunOnce(Named("engine.queue-feeder").Program);
        Assert.Null(run.Bug);
        // main, producer, consumer, and the feeder the first Put started through IEngineScheduler.TryStartThread.
        Assert.Equal(4, run.Operations);
    }

    [Fact]
    public void EnginePrograms_ByName_AreKnownToLabExploreAndReplay()
    {
        foreach (var program in EnginePrograms.All)
        {
            Assert.StartsWith("engine.", program.Name);
            Assert.Same(program.Program, Corpus.BugCorpus.Find(program.Name));
        }
        Assert.Single(EnginePrograms.All, p => p.Expected is not null);
    }

    [Fact]
    public void ReplayToken_EngineSchedulingPointKinds_RoundTripInTokenAndTraceText()
    {
        SchedulingPointKind[] kinds = [SchedulingPointKind.Send, SchedulingPointKind.Receive, SchedulingPointKind.Dispatch, SchedulingPointKind.Collect, SchedulingPointKind.Complete];
        var steps = kinds.Select((k, i) => TraceStep.Scheduled(0, k, 0, preemption: false)).ToList();
        var schedule = new Traces.Schedule("engine.queue-feeder", "dfs", 7, 1, 1000, steps, null);
        var decoded = ReplayToken.Decode(ReplayToken.Encode(schedule));
        Assert.Equal(kinds, decoded.Steps.Select(s => s.Kind));
        Assert.Equal(steps, steps.Select(s => TraceStep.Parse(s.ToString())));
    }

    private static IterationResult RunOnce(SystematicProgram program, ulong? seed = null)
    {
        using var engine = new ExecutionEngine(TimeSpan.FromSeconds(30));
        var strategy = StrategyFactory.Create("random", seed ?? Explain.Seed);
        strategy.PrepareIteration(0);
        return engine.Run(program, strategy, 1000);
    }
}
