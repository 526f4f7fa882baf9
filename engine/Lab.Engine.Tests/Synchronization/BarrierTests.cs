using Lab.Engine.Synchronization;
using Lab.Engine.Targets;
using Xunit;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>ProcessBarrier within one process: threading.Barrier's semantics (indices, action, timeout, abort,
/// reset) over shared state.</summary>
public class BarrierTests
{
    private static readonly TimeSpan Long = ThreadRunner.BeyondJoin;

    /// <summary>Actions must be static methods; these count and fail in this process only.</summary>
    public static class Actions
    {
        public static int Runs;

        public static void Count() => Interlocked.Increment(ref Runs);

        public static void Fail() => throw new InvalidOperationException("the action failed");
    }

    [Fact]
    public void ProcessBarrier_FiveThreadsManyGenerations_EachGenerationGetsEveryIndexOnce()
    {
        const int Parties = 5, Generations = 40;
        Actions.Runs = 0;
        using var barrier = new ProcessBarrier(Parties, Actions.Count);
        var indices = new int[Generations, Parties];
        ThreadRunner.Run(Parties, t =>
        {
            for (var g = 0; g < Generations; g++) indices[g, t] = barrier.Wait(Long);
        });
        for (var g = 0; g < Generations; g++)
            Assert.Equal(Enumerable.Range(0, Parties), Enumerable.Range(0, Parties).Select(t => indices[g, t]).Order());
        Assert.Equal(Generations, Actions.Runs);
        Assert.False(barrier.Broken);
        Assert.Equal(0, barrier.NWaiting);
        Assert.Equal(Parties, barrier.Parties);
    }

    [Fact]
    public void ProcessBarrier_OnePartyTimesOut_BreaksItForAll()
    {
        using var barrier = new ProcessBarrier(3);
        var patient = ThreadRunner.Start(() => barrier.Wait(Long));
        var impatient = ThreadRunner.Start(() => barrier.Wait(TimeSpan.FromMilliseconds(100)));
        Assert.Throws<BrokenBarrierError>(() => impatient.Result());
        Assert.Throws<BrokenBarrierError>(() => patient.Result());
        Assert.True(barrier.Broken);
        Assert.Throws<BrokenBarrierError>(() => barrier.Wait(Long));
    }

    [Fact]
    public void ProcessBarrier_DefaultTimeout_AppliesWhenWaitGivesNone()
    {
        using var barrier = new ProcessBarrier(2, timeout: TimeSpan.FromMilliseconds(50));
        Assert.Throws<BrokenBarrierError>(() => barrier.Wait());
        Assert.True(barrier.Broken);
    }

    [Fact]
    public void ProcessBarrier_AbortWhileWaiting_BreaksUntilReset()
    {
        using var barrier = new ProcessBarrier(2);
        var waiter = ThreadRunner.Start(() => barrier.Wait(Long));
        ThreadRunner.Until(() => barrier.NWaiting == 1, "one party waits");
        barrier.Abort();
        Assert.Throws<BrokenBarrierError>(() => waiter.Result());
        Assert.True(barrier.Broken);
        barrier.Reset();
        Assert.False(barrier.Broken);
        var again = ThreadRunner.Start(() => barrier.Wait(Long));
        Assert.Equal(1, barrier.Wait(Long) + again.Result());
    }

    [Fact]
    public void ProcessBarrier_ResetWhileWaiting_WaitersGetBrokenAndBarrierIsReusable()
    {
        using var barrier = new ProcessBarrier(3);
        var waiter = ThreadRunner.Start(() => barrier.Wait(Long));
        ThreadRunner.Until(() => barrier.NWaiting == 1, "one party waits");
        barrier.Reset();
        Assert.Throws<BrokenBarrierError>(() => waiter.Result());
        Assert.False(barrier.Broken);
        var indices = new int[3];
        ThreadRunner.Run(3, t => indices[t] = barrier.Wait(Long));
        Assert.Equal([0, 1, 2], indices.Order());
    }

    [Fact]
    public void ProcessBarrier_ActionThrows_LastPartyGetsItAndOthersGetBroken()
    {
        using var barrier = new ProcessBarrier(2, Actions.Fail);
        var first = ThreadRunner.Start(() => barrier.Wait(Long));
        ThreadRunner.Until(() => barrier.NWaiting == 1, "one party waits");
        Assert.Equal("the action failed", Assert.Throws<InvalidOperationException>(() => barrier.Wait(Long)).Message);
        Assert.Throws<BrokenBarrierError>(() => first.Result());
        Assert.True(barrier.Broken);
    }

    [Fact]
    public void ProcessBarrier_LambdaActionOrNoParties_RefusedAtConstruction()
    {
        var captured = 0;
        Assert.Throws<InvalidTargetError>(() => new ProcessBarrier(2, () => captured++));
        Assert.Throws<InvalidTargetError>(() => new ProcessBarrier(2, SyncTargets.ReleaseLock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBarrier(0));
    }
}
