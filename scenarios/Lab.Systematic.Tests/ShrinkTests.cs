using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>Shrinking (issue #5 §1): a failing schedule is minimised — fewer preemptions, then fewer steps — and the
/// minimised one still fails with the same bug when replayed strictly.</summary>
public class ShrinkTests
{
    [Fact]
    public void Shrinker_RandomScheduleWithManyPreemptions_ReducesThemAndStillFails()
    {
        // Seed 1 of the random strategy meets double-release at iteration 7 with 11 preemptions; one suffices.
        var program = BugCorpus.All.Single(p => p.Name == "double-release").Buggy;
        var settings = new ExplorationSettings { Strategy = "random", Seed = 1, Iterations = 100 };
        var report = Explorer.Explore(program, settings);
        var failure = report.Failure;
        Assert.True(failure is not null, Explain.Report(report, settings));
        Assert.True(failure!.Found.Preemptions > 3, $"the found schedule has only {failure.Found.Preemptions} preemptions\n{Explain.Report(report, settings)}");
        Assert.True(failure.Shrink is { Verified: true }, Explain.Report(report, settings));
        Assert.True(failure.Reported.Preemptions == 1, $"shrunk to {failure.Reported.Preemptions} preemptions\n{Explain.Report(report, settings)}");
        Assert.True(failure.Reported.Shrunk);
        var replay = Replayer.Replay(program, failure.Reported);
        Assert.True(replay.Reproducible, $"{replay.Message}\n{Explain.Report(report, settings)}");
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(failure.Found.Bug!.Signature, replay.Bug!.Signature);
        });
    }

    [Theory]
    [InlineData("unlocked-counter")]
    [InlineData("lost-wakeup")]
    [InlineData("queue-close-race")]
    [InlineData("missed-signal")]
    public void Shrinker_AnySeed_NeverGrowsPreemptionsAndKeepsTheBug(string name)
    {
        var program = BugCorpus.All.Single(p => p.Name == name).Buggy;
        var settings = new ExplorationSettings { Strategy = "random", Seed = Explain.Seed, Iterations = 2000 };
        var report = Explorer.Explore(program, settings);
        var failure = report.Failure;
        Assert.True(failure is not null, Explain.Report(report, settings));
        Assert.True(failure!.Reported.Preemptions <= failure.Found.Preemptions, Explain.Report(report, settings));
        Assert.True(failure.Reported.Preemptions < failure.Found.Preemptions || failure.Reported.Steps.Count <= failure.Found.Steps.Count, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(failure.Found.Bug!.Signature, failure.Bug.Signature);
        });
        var replay = Replayer.Replay(program, ReplayToken.Decode(failure.Token));
        Assert.True(replay.Reproducible, $"{replay.Message}\n{Explain.Report(report, settings)}");
    }

    [Fact]
    public void Explorer_ShrinkingOff_ReportsScheduleAsFound()
    {
        var program = BugCorpus.All.Single(p => p.Name == "check-then-act").Buggy;
        var settings = new ExplorationSettings { Strategy = "random", Seed = Explain.Seed, Iterations = 200, Shrink = false };
        var report = Explorer.Explore(program, settings);
        Assert.True(report.Failure is not null, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Same(report.Failure!.Found, report.Failure.Reported);
            Assert.Null(report.Failure.Shrink);
        });
    }
}
