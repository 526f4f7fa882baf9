using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>Issue #5 §3: SIGKILL of a real child at every one of its scheduling points. Each test is bounded by the
/// scheduler's own limits (30 s per step, 30 s per reap; xunit's timeout as a backstop) and checks that nothing is left.</summary>
[Collection(ProcessCollection.Name)]
public class ProcessKillTests
{
    [Fact(Timeout = 60_000)]
    public async Task QueuePutKill_KillAtEveryPoint_WholeItemOrBrokenQueueNeverGarbage()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var program = new QueuePutKill();
        var outcomes = new List<QueuePutKill.Outcome>();
        var report = ProcessExplorer.Explore(program, new ExplorationSettings { Strategy = "dfs", Iterations = 40, Seed = 1 }, FaultMode.EveryPoint,
            observe: _ => outcomes.Add(program.Last));
        Assert.True(report.Failure is null, report.Failure?.Bug.ToString() + "\n" + report.Failure?.Bug.Detail);
        Assert.True(report.Exhausted, $"the enumeration did not finish within {report.Iterations} iterations");
        // Start, the frame header, and at least four 64 KiB chunks of the 256 KiB item, plus the iteration that is not killed.
        Assert.True(report.Iterations >= 7, $"only {report.Iterations} iterations: too few kill points to be meaningful ({string.Join(", ", outcomes)})");
        Assert.Equal(QueuePutKill.Outcome.Item, outcomes[^1]);
        Assert.Contains(QueuePutKill.Outcome.Broken, outcomes);
        Assert.Contains(QueuePutKill.Outcome.Nothing, outcomes);
    }

    [Fact(Timeout = 60_000)]
    public async Task LockKill_KillAtEveryPoint_HeldExactlyWhenKilledHolding()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var program = new LockKill();
        var seen = new List<(int Stage, bool Acquired, bool Killed)>();
        var report = ProcessExplorer.Explore(program, new ExplorationSettings { Strategy = "dfs", Iterations = 40, Seed = 1 }, FaultMode.EveryPoint,
            observe: r => seen.Add((program.Last.Stage, program.Last.Acquired, r.Children[0].Killed)));
        Assert.True(report.Failure is null, report.Failure?.Bug.ToString() + "\n" + report.Failure?.Bug.Detail);
        Assert.True(report.Exhausted);
        Assert.True(report.Iterations >= 4, $"only {report.Iterations} iterations: {string.Join(", ", seen)}");
        Assert.Contains((2, false, true), seen);
        Assert.Contains((0, true, true), seen);
        Assert.Equal((4, true, false), seen[^1]);
    }

    [Fact(Timeout = 120_000)]
    public async Task PoolMapKill_KillWorkerAtEveryPoint_CorrectResultOrBrokenPoolNeverHang()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var program = new PoolMapKill();
        var runs = new List<(IReadOnlyList<TraceStep> Steps, PoolMapKill.Outcome Outcome)>();
        var report = ProcessExplorer.Explore(program, new ExplorationSettings { Strategy = "dfs", Iterations = 60, Seed = 1 }, FaultMode.EveryPoint,
            observe: r => runs.Add((r.Run.Steps, program.Last)));
        Assert.True(report.Failure is null, report.Failure?.Bug.ToString() + "\n" + report.Failure?.Bug.Detail);
        Assert.True(report.Exhausted);
        // Start, the function binding, and at least one chunk received and one batch of results sent, then the free run.
        Assert.True(report.Iterations >= 5, $"only {report.Iterations} iterations: {string.Join(", ", runs.Select(r => r.Outcome))}");
        Assert.Contains(PoolMapKill.Outcome.Broken, runs.Select(r => r.Outcome));
        Assert.Equal(PoolMapKill.Outcome.Result, runs[^1].Outcome);
        // The supervisor is not controlled, yet the program is deterministic: a kill's schedule and the unkilled one replay
        // step for step to the same outcome.
        foreach (var (steps, outcome) in new[] { runs.First(r => r.Outcome == PoolMapKill.Outcome.Broken), runs[^1] })
        {
            var schedule = new Schedule(program.Name, "dfs+kill-every-point", 1, 1, new ExplorationSettings().MaxSteps, steps, null);
            var replay = ProcessExplorer.Replay(program, ReplayToken.Decode(ReplayToken.Encode(schedule)));
            Assert.True(replay.Reproducible, $"{replay.Message}\n{string.Join(" ", steps)}");
            Assert.Equal(outcome, program.Last);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "real processes";
}
