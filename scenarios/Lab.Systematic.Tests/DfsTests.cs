using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>Bounded DFS is exhaustive within its preemption bound: it enumerates exactly the schedules of the
/// independent model in <see cref="Trees"/>, each once, and then reports itself exhausted.</summary>
public class DfsTests
{
    /// <summary>The counts are the model's (<see cref="Trees"/>), written out so that a change to either side shows.
    /// Even without preemptions there are 7 schedules: who runs after a Join blocks or an operation completes is a free
    /// choice.</summary>
    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 82)]
    [InlineData(2, 565)]
    [InlineData(3, 2537)]
    [InlineData(100, 42164)]
    public void Dfs_TwoOperationsTwoWrites_EnumeratesEveryScheduleWithinBoundOnce(int bound, int count)
    {
        var (expectedSchedules, expectedLogs) = Trees.Enumerate(bound);
        Assert.Equal(count, expectedSchedules);
        var logs = new List<string>();
        var program = Programs.TwoByTwo(logs);
        var dfs = new DfsStrategy(bound);
        var schedules = new HashSet<string>();
        using var engine = new ExecutionEngine();
        var iterations = 0;
        while (dfs.PrepareIteration(iterations))
        {
            var run = engine.Run(program, dfs, maxSteps: 100);
            Assert.True(run.Bug is null && run.Mismatch is null, $"iteration {iterations + 1}: {run.Bug}{run.Mismatch?.Message}");
            Assert.True(run.Preemptions <= bound, $"iteration {iterations + 1} has {run.Preemptions} preemptions, bound {bound}");
            Assert.True(schedules.Add(string.Join(" ", run.Steps)), $"iteration {iterations + 1} repeats a schedule: {string.Join(" ", run.Steps)}");
            iterations++;
            Assert.True(iterations <= count, $"DFS goes on past the model's {count} schedules");
        }
        Assert.True(dfs.IsExhausted);
        Assert.Equal(expectedSchedules, iterations);
        Assert.Equal(expectedLogs.Order(), logs.Distinct().Order());
    }

    [Fact]
    public void Dfs_TwoOperationsTwoWrites_CountsMatchHandDerivedOrders()
    {
        // Without preemptions only whole operations interleave (aabb, bbaa); one preemption adds abba and baab; two
        // give all C(4,2) = 6 orders.
        Assert.Equal(["aabb", "bbaa"], Trees.Enumerate(0).Logs.Order());
        Assert.Equal(["aabb", "abba", "baab", "bbaa"], Trees.Enumerate(1).Logs.Order());
        Assert.Equal(["aabb", "abab", "abba", "baab", "baba", "bbaa"], Trees.Enumerate(2).Logs.Order());
    }

    [Fact]
    public void Dfs_ExhaustedWithinBudget_ReportsExhaustedWithoutBug()
    {
        var settings = new ExplorationSettings { Strategy = "dfs", PreemptionBound = 1, Iterations = 10_000 };
        var report = Explorer.Explore(Programs.TwoByTwo([]), settings);
        Assert.True(report.Exhausted && report.Failure is null, Explain.Report(report, settings));
        Assert.Equal(Trees.Enumerate(1).Schedules, report.Iterations);
    }

    [Fact]
    public void Dfs_ControlledValues_AreBranchesOfTheTree()
    {
        // The worker's int(3) and main's bool(2) multiply the schedules; exactly one combination (2, true) fails.
        var settings = new ExplorationSettings { Strategy = "dfs", PreemptionBound = 0, Iterations = 1000, Shrink = false };
        var report = Explorer.Explore(Programs.ValueChoice, settings);
        Assert.True(report.Failure is { Bug.Kind: BugKind.Assertion }, Explain.Report(report, settings));
        var values = report.Failure!.Found.Steps.Where(s => s.Type != Traces.StepType.Schedule).Select(s => s.Choice).ToList();
        Assert.Equal([2, 1], values);
    }
}
