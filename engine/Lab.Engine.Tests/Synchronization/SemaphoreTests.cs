using Lab.Engine.Synchronization;
using Xunit;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>ProcessSemaphore, ProcessBoundedSemaphore and ProcessEvent within one process.</summary>
public class SemaphoreTests
{
    private static readonly TimeSpan Long = ThreadRunner.BeyondJoin;

    [Fact]
    public void ProcessSemaphore_NegativeInitialValue_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessSemaphore(-1));
        Assert.StartsWith("semaphore initial value must be >= 0", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessBoundedSemaphore(-1));
    }

    [Fact]
    public void ProcessSemaphore_AcquireAndRelease_TrackTheValue()
    {
        using var semaphore = new ProcessSemaphore(2);
        Assert.True(semaphore.Acquire());
        Assert.True(semaphore.Acquire(block: false));
        Assert.Equal(0, semaphore.Value);
        Assert.False(semaphore.Acquire(block: false));
        Assert.False(semaphore.Acquire(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.False(semaphore.Acquire(timeout: TimeSpan.FromSeconds(-5)));
        for (var i = 0; i < 5; i++) semaphore.Release();
        Assert.Equal(5, semaphore.Value);
    }

    [Fact]
    public void ProcessSemaphore_ReleaseAtIntMax_ThrowsReleasedTooManyTimes()
    {
        using var semaphore = new ProcessSemaphore(int.MaxValue);
        Assert.Equal("semaphore or lock released too many times", Assert.Throws<SynchronizationError>(semaphore.Release).Message);
        Assert.Equal(int.MaxValue, semaphore.Value);
    }

    [Fact]
    public void ProcessSemaphore_ThreeUnitsManyThreads_AtMostThreeInside()
    {
        using var semaphore = new ProcessSemaphore(3);
        var inside = 0;
        var maxInside = 0;
        ThreadRunner.Run(8, _ =>
        {
            for (var i = 0; i < 2000; i++)
            {
                Assert.True(semaphore.Acquire(timeout: Long));
                var now = Interlocked.Increment(ref inside);
                int seen;
                while ((seen = Volatile.Read(ref maxInside)) < now && Interlocked.CompareExchange(ref maxInside, now, seen) != seen) { }
                Thread.SpinWait(10);
                Interlocked.Decrement(ref inside);
                semaphore.Release();
            }
        });
        Assert.InRange(maxInside, 1, 3);
        Assert.Equal(3, semaphore.Value);
    }

    [Fact]
    public void ProcessSemaphore_ProducersAndConsumers_NoReleaseLost()
    {
        using var semaphore = new ProcessSemaphore(0);
        const int Each = 3000;
        // Threads 0-3 consume, 4-7 produce: every Release must end up in exactly one Acquire.
        ThreadRunner.Run(8, i =>
        {
            for (var k = 0; k < Each; k++)
            {
                if (i < 4) Assert.True(semaphore.Acquire(timeout: Long), "a consumer starved: a release was lost");
                else semaphore.Release();
            }
        });
        Assert.Equal(0, semaphore.Value);
    }

    [Fact]
    public void ProcessBoundedSemaphore_ReleaseAboveInitialValue_Throws()
    {
        using var semaphore = new ProcessBoundedSemaphore(2);
        Assert.Equal(2, semaphore.MaxValue);
        Assert.Equal("semaphore or lock released too many times", Assert.Throws<SynchronizationError>(semaphore.Release).Message);
        Assert.True(semaphore.Acquire());
        semaphore.Release();
        Assert.Equal(2, semaphore.Value);
    }

    [Fact]
    public void ProcessBoundedSemaphore_ConcurrentReleases_NeverPassTheBound()
    {
        using var semaphore = new ProcessBoundedSemaphore(5);
        for (var i = 0; i < 5; i++) Assert.True(semaphore.Acquire(block: false));
        var released = 0;
        var refused = 0;
        ThreadRunner.Run(10, _ =>
        {
            try
            {
                semaphore.Release();
                Interlocked.Increment(ref released);
            }
            catch (SynchronizationError)
            {
                Interlocked.Increment(ref refused);
            }
        });
        Assert.Equal((5, 5), (released, refused));
        Assert.Equal(5, semaphore.Value);
    }

    [Fact]
    public void ProcessEvent_NotSet_WaitTimesOutWithFalse()
    {
        using var @event = new ProcessEvent();
        Assert.False(@event.IsSet);
        Assert.False(@event.Wait(TimeSpan.FromMilliseconds(50)));
        Assert.False(@event.Wait(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void ProcessEvent_Set_WakesEveryWaitingThread()
    {
        using var @event = new ProcessEvent();
        var waiters = Enumerable.Range(0, 6).Select(_ => ThreadRunner.Start(() => @event.Wait(Long))).ToList();
        ThreadRunner.Until(() => @event.WaitingCount == 6, "six threads wait");
        @event.Set();
        Assert.All(waiters, w => Assert.True(w.Result()));
        Assert.True(@event.IsSet);
        Assert.True(@event.Wait(TimeSpan.Zero));
    }

    [Fact]
    public void ProcessEvent_Clear_MakesWaitBlockAgain()
    {
        using var @event = new ProcessEvent();
        @event.Set();
        @event.Set();
        @event.Clear();
        Assert.False(@event.IsSet);
        Assert.False(@event.Wait(TimeSpan.FromMilliseconds(20)));
        @event.Clear();
        @event.Set();
        Assert.True(@event.Wait());
    }

    [Fact]
    public void ProcessEvent_DisposedWhileAThreadWaits_WaiterEndsWithoutTouchingUnmappedMemory()
    {
        var @event = new ProcessEvent();
        var waiter = ThreadRunner.Start(() =>
        {
            try { return @event.Wait(TimeSpan.FromMilliseconds(200)) ? "set" : "timed out"; }
            catch (ObjectDisposedException) { return "disposed before it waited"; }
        });
        @event.Dispose();
        Assert.Contains(waiter.Result(), new[] { "timed out", "disposed before it waited" });
        Assert.Throws<ObjectDisposedException>(@event.Set);
    }
}
