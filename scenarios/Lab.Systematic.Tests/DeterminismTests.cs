using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Strategies;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>The same seed and strategy give the same schedule, iteration by iteration (issue #5 §1).</summary>
public class DeterminismTests
{
    private static List<string> Schedules(string strategy, ulong seed, int iterations)
    {
        var program = BugCorpus.All.Single(p => p.Name == "lost-wakeup").Fixed;
        var chosen = StrategyFactory.Create(strategy, seed);
        using var engine = new ExecutionEngine();
        var result = new List<string>();
        for (var i = 0; i < iterations && chosen.PrepareIteration(i); i++)
            result.Add(string.Join(" ", engine.Run(program, chosen, maxSteps: 1000).Steps));
        return result;
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Strategy_SameSeed_GivesSameScheduleInEveryIteration(string strategy)
    {
        var seed = Explain.Seed;
        var first = Schedules(strategy, seed, 200);
        var second = Schedules(strategy, seed, 200);
        Assert.Equal(200, first.Count);
        for (var i = 0; i < first.Count; i++)
            Assert.True(first[i] == second[i], $"{strategy}, seed {seed}: iteration {i + 1} differs\n  {first[i]}\n  {second[i]}\n  re-run: LAB_SEED={seed} dotnet test scenarios/Lab.Systematic.Tests");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("portfolio")]
    public void Strategy_DifferentSeeds_GiveDifferentSchedules(string strategy)
    {
        var a = Schedules(strategy, 1, 50);
        var b = Schedules(strategy, 2, 50);
        Assert.True(a.Distinct().Count() > 1, $"{strategy}, seed 1: every iteration ran the same schedule");
        Explain.Within($"{strategy}, seeds 1 and 2", () =>
        {
            Assert.NotEqual(a, b);
        });
    }

    [Fact]
    public void Explorer_SameSeed_FindsSameBugAtSameIterationWithSameToken()
    {
        var program = BugCorpus.All.Single(p => p.Name == "double-release").Buggy;
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = 100 };
        var first = Explorer.Explore(program, settings);
        var second = Explorer.Explore(program, settings);
        Assert.True(first.Failure is not null, Explain.Report(first, settings));
        Assert.True(second.Failure is not null, Explain.Report(second, settings));
        Explain.Within(Explain.Report(first, settings), () =>
        {
            Assert.Equal(first.Iterations, second.Iterations);
        });
        Assert.True(first.Failure!.Token == second.Failure!.Token, $"{Explain.Report(first, settings)}\nsecond run: {second.Failure.Token}");
    }

    [Fact]
    public void RandomStrategy_IterationStream_DependsOnlyOnSeedAndIteration()
    {
        // Iteration 7 of a fresh strategy equals iteration 7 after six other iterations: a seed and an iteration
        // number name a schedule.
        var program = BugCorpus.All.Single(p => p.Name == "unlocked-counter").Fixed;
        using var engine = new ExecutionEngine();
        var warm = new RandomStrategy(Explain.Seed);
        for (var i = 0; i < 6; i++)
        {
            warm.PrepareIteration(i);
            engine.Run(program, warm, 1000);
        }
        warm.PrepareIteration(6);
        var fresh = new RandomStrategy(Explain.Seed);
        fresh.PrepareIteration(6);
        Explain.Within($"random, seed {Explain.Seed}, iteration 7; re-run: LAB_SEED={Explain.Seed} dotnet test scenarios/Lab.Systematic.Tests", () =>
        {
            Assert.Equal(engine.Run(program, warm, 1000).Steps, engine.Run(program, fresh, 1000).Steps);
        });
    }
}
