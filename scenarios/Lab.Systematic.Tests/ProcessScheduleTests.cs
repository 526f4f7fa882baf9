using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>Issue #5 §3: strategies over real child processes find a seeded bug, its token replays it, and the same
/// seed gives the same schedules.</summary>
[Collection(ProcessCollection.Name)]
public class ProcessScheduleTests
{
    [Fact(Timeout = 60_000)]
    public async Task UnlockedCounter_RandomStrategy_FindsLostUpdateAndTokenReplaysIt()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var report = ProcessExplorer.Explore(CounterProgram.Unlocked, new ExplorationSettings { Strategy = "random", Iterations = 60, Seed = 3 }, FaultMode.None);
        var failure = Assert.IsType<Failure>(report.Failure);
        Assert.Equal(BugKind.Assertion, failure.Bug.Kind);
        Assert.StartsWith("lost update", failure.Bug.Message);

        var replay = ProcessExplorer.Replay(CounterProgram.Unlocked, ReplayToken.Decode(failure.Token));
        Assert.True(replay.Reproducible, replay.Message);
        Assert.Equal(failure.Bug.Step, replay.Bug!.Step);
        Assert.StartsWith("lost update", replay.Bug.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task LockedCounter_RandomKills_KilledHolderDeadlockFoundAndTokenReplaysIt()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var report = ProcessExplorer.Explore(CounterProgram.Locked, new ExplorationSettings { Strategy = "pct", Iterations = 40, Seed = 3 }, FaultMode.Random);
        var failure = Assert.IsType<Failure>(report.Failure);
        Assert.Equal(BugKind.Deadlock, failure.Bug.Kind);
        Assert.Contains(failure.Found.Steps, s => s.Type == StepType.Kill);

        var replay = ProcessExplorer.Replay(CounterProgram.Locked, ReplayToken.Decode(failure.Token));
        Assert.True(replay.Reproducible, replay.Message);
        Assert.Equal(BugKind.Deadlock, replay.Bug!.Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task LockedCounter_SameSeed_SameSchedulesAndNoBug()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var settings = new ExplorationSettings { Strategy = "portfolio", Iterations = 4, Seed = 11 };
        List<string> Traces()
        {
            var traces = new List<string>();
            var report = ProcessExplorer.Explore(CounterProgram.Locked, settings, FaultMode.None, observe: r => traces.Add(string.Join(" ", r.Run.Steps)));
            Assert.True(report.Failure is null, report.Failure?.Bug.ToString());
            return traces;
        }
        var first = Traces();
        Assert.Equal(first, Traces());
        Assert.Equal(settings.Iterations, first.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task KillStep_TraceAndToken_RoundTripAndReplay()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var program = new LockKill();
        // The first iteration of the enumeration that kills the holder while it holds the lock (stage 2): with only the
        // program's own points that is its third point; engine points inside Acquire move it later.
        var strategy = Strategies.StrategyFactory.Create("random", 0);
        var plan = new KillAtEveryPoint(0);
        using var scheduler = new ProcessScheduler();
        ProcessIterationResult? result = null;
        for (var i = 0; i < 20 && program.Last != (2, false); i++)
        {
            Assert.True(strategy.PrepareIteration(i) && plan.PrepareIteration(i), $"the enumeration ended after {i} iterations without a kill while holding");
            result = scheduler.Run(program, strategy, plan, 1000);
        }
        Assert.Equal((2, false), program.Last);
        var steps = result!.Run.Steps;
        var kill = Assert.Single(steps, s => s.Type == StepType.Kill);
        Assert.Equal(kill, TraceStep.Parse(kill.ToString()));
        var schedule = new Schedule(program.Name, "random+kill", 0, 1, 1000, steps, null);
        var decoded = ReplayToken.Decode(ReplayToken.Encode(schedule));
        Assert.Equal(steps.Select(s => s.ToString()), decoded.Steps.Select(s => s.ToString()));
        program.Last = default;
        var replay = ProcessExplorer.Replay(program, decoded);
        Assert.True(replay.Reproducible, replay.Message);
        Assert.Equal((2, false), program.Last);
    }
}
