using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Lab.Systematic.Traces;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>The four kinds of bug (issue #5 §1), and the runtime's own contracts around them.</summary>
public class BugDetectionTests
{
    private static ExplorationReport Explore(SystematicProgram program, ExplorationSettings settings)
    {
        var report = Explorer.Explore(program, settings);
        Assert.True(report.Failure is not null, Explain.Report(report, settings));
        return report;
    }

    [Fact]
    public void Scheduler_OppositeLockOrder_ReportsDeadlockNamingEveryBlockedOperation()
    {
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = 250 };
        var report = Explore(BugCorpus.All.Single(p => p.Name == "lock-order-deadlock").Buggy, settings);
        var bug = report.Failure!.Bug;
        Assert.True(bug.Kind == BugKind.Deadlock, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Contains("every live operation is blocked", bug.Message);
            Assert.Matches("'a-to-b' waits for lock 'account-b' held by op 2 'b-to-a'", bug.Message);
            Assert.Matches("'b-to-a' waits for lock 'account-a' held by op 1 'a-to-b'", bug.Message);
        });
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Scheduler_SpinOnFlagNobodySets_ReportsLivenessViolationAtStepBound(string strategy)
    {
        var settings = new ExplorationSettings { Strategy = strategy, Seed = Explain.Seed, Iterations = 5, MaxSteps = 200 };
        var report = Explore(Programs.SpinForever, settings);
        var bug = report.Failure!.Bug;
        Assert.True(bug.Kind == BugKind.Liveness, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal(200, bug.Step);
            Assert.Contains("op 1 'spinner'", bug.Message);
            Assert.Equal(1, report.Iterations);
        });
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("dfs")]
    [InlineData("portfolio")]
    public void Scheduler_PollingLoopWithYield_CompletesUnderEveryStrategy(string strategy)
    {
        var settings = new ExplorationSettings { Strategy = strategy, Seed = Explain.Seed, Iterations = 300, MaxSteps = 200 };
        var report = Explorer.Explore(Programs.SpinUntilSet, settings);
        Assert.True(report.Failure is null, Explain.Report(report, settings));
    }

    [Fact]
    public void Scheduler_OperationThrows_ReportsUnhandledExceptionWithItsType()
    {
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = 10 };
        var report = Explore(Programs.Throws, settings);
        var bug = report.Failure!.Bug;
        Assert.True(bug.Kind == BugKind.UnhandledException, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal("InvalidOperationException: boom from the worker", bug.Message);
            Assert.Contains("op 1 'worker'", bug.Detail);
            Assert.Equal(1, report.Iterations);
        });
    }

    [Fact]
    public void ControlledLock_ReleaseOfUnlockedLock_ReportsUnhandledException()
    {
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = 10 };
        var report = Explore(Programs.ReleaseUnlocked, settings);
        Assert.True(report.Failure!.Bug.Kind == BugKind.UnhandledException, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal("SynchronizationLockException: release of the unlocked lock 'guard'", report.Failure.Bug.Message);
        });
    }

    [Fact]
    public void Assert_FalseCondition_ReportsAssertionWithItsMessage()
    {
        var settings = new ExplorationSettings { Strategy = "random", Seed = Explain.Seed, Iterations = 500 };
        var report = Explore(Programs.ValueChoice, settings);
        Assert.True(report.Failure!.Bug.Kind == BugKind.Assertion, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Equal("the controlled values were true and 2", report.Failure.Bug.Message);
        });
    }

    [Fact]
    public void ExecutionEngine_AfterDeadlocksAndAssertions_RunsFurtherIterationsOnTheSameCarriers()
    {
        var deadlock = BugCorpus.All.Single(p => p.Name == "lock-order-deadlock");
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = 250 };
        var found = Explore(deadlock.Buggy, settings).Failure!.Reported;
        using var engine = new ExecutionEngine();
        for (var round = 0; round < 20; round++)
        {
            var replay = Replayer.Replay(engine, deadlock.Buggy, found);
            Assert.True(replay.Reproducible, $"round {round}: {replay.Message}\n{Explain.Schedule(found)}");
            var strategy = new Strategies.RandomStrategy(Explain.Seed);
            strategy.PrepareIteration(round);
            var clean = engine.Run(deadlock.Fixed, strategy, 1000);
            Assert.True(clean.Bug is null, $"round {round}: {clean.Bug}");
        }
    }

    [Fact]
    public void Runtime_CallFromUncontrolledThread_IsRefused()
    {
        var program = new SystematicProgram("uncontrolled-thread", rt =>
        {
            Exception? seen = null;
            var thread = new Thread(() =>
            {
                try
                {
                    rt.Yield();
                }
                catch (Exception e)
                {
                    seen = e;
                }
            });
            thread.Start();
            thread.Join();
            rt.Assert(seen is InvalidOperationException, $"expected InvalidOperationException, saw {seen?.GetType().Name ?? "nothing"}");
        });
        var settings = new ExplorationSettings { Seed = Explain.Seed, Iterations = 3 };
        var report = Explorer.Explore(program, settings);
        Assert.True(report.Failure is null, Explain.Report(report, settings));
    }
}
