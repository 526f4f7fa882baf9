using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Measurement;
using Lab.Systematic.Strategies;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>The measurement side (issue #5 §6): well-formed figures, never timed assertions.</summary>
public class ThroughputTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void ThroughputProgram_EveryStrategy_TakesExactlyFiftySteps(string strategy)
    {
        using var engine = new ExecutionEngine();
        var chosen = StrategyFactory.Create(strategy, Explain.Seed);
        for (var i = 0; i < 100 && chosen.PrepareIteration(i); i++)
        {
            var run = engine.Run(ThroughputProgram.Program, chosen, 1000);
            Assert.True(run.Bug is null, $"{strategy}, seed {Explain.Seed}, iteration {i + 1}: {run.Bug}");
            Explain.Within($"{strategy}, seed {Explain.Seed}, iteration {i + 1}; re-run: LAB_SEED={Explain.Seed} dotnet test scenarios/Lab.Systematic.Tests", () =>
            {
                Assert.Equal(ThroughputProgram.Steps, run.Steps.Count);
                Assert.Equal(3, run.Operations);
            });
        }
    }

    [Fact]
    public void Throughput_Measure_GivesOnePositiveFigurePerSample()
    {
        var samples = Throughput.Measure("portfolio", Explain.Seed, samples: 3, warmup: 1, schedules: 20);
        Assert.Equal(3, samples.Count);
        Assert.All(samples, s => Assert.True(double.IsFinite(s) && s > 0, $"sample {s}"));
    }

    [Fact]
    public void Throughput_BuggyProgram_IsRefused()
    {
        var buggy = BugCorpus.All.Single(p => p.Name == "barrier-reset-race").Buggy;
        Assert.Throws<InvalidOperationException>(() => Throughput.Measure(buggy, "dfs", 1, samples: 1, warmup: 0, schedules: 5, maxSteps: 1000));
    }

    [Fact]
    public void PctRate_UnlockedCounter_ObservedRateIsAtLeastTheBound()
    {
        // Burckhardt et al., Theorem 1: a depth-2 bug (the lost update) is found by pct(d=2) with probability
        // >= 1/(n·k). A fixed seed keeps this deterministic.
        var program = BugCorpus.All.Single(p => p.Name == "unlocked-counter").Buggy;
        var rate = PctRate.Measure(program, depth: 2, iterations: 2000, seed: 1);
        Assert.Equal(3, rate.Operations);
        Assert.True(rate.Length > 0);
        Assert.True(rate.Observed >= rate.Bound, $"observed {rate.Observed} below the bound {rate.Bound} (n={rate.Operations}, k={rate.Length}, d=2, seed 1)");
    }
}
