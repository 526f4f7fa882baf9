using Lab.Engine.Synchronization;
using Xunit;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>ProcessCondition within one process: ownership checks with threading's messages, full release of an
/// RLock, timeouts, and the waiter queue (no lost wake-ups, no wake-ups stolen by later waiters).</summary>
public class ConditionTests
{
    private static readonly TimeSpan Long = ThreadRunner.BeyondJoin;

    [Fact]
    public void ProcessCondition_WaitOrNotifyWithoutTheLock_Throws()
    {
        using var condition = new ProcessCondition();
        Assert.Equal("cannot wait on un-acquired lock", Assert.Throws<SynchronizationError>(() => condition.Wait(TimeSpan.Zero)).Message);
        Assert.Equal("cannot notify on un-acquired lock", Assert.Throws<SynchronizationError>(() => condition.Notify()).Message);
        Assert.Throws<SynchronizationError>(condition.NotifyAll);
    }

    [Fact]
    public void ProcessCondition_LockHeldByAnotherThread_WaitThrows()
    {
        using var @lock = new ProcessLock();
        using var condition = new ProcessCondition(@lock);
        Assert.True(ThreadRunner.Start(() => condition.Acquire()).Result());
        Assert.Throws<SynchronizationError>(() => condition.Wait(TimeSpan.Zero));
        Assert.Throws<SynchronizationError>(() => condition.Notify());
        condition.Release();
        Assert.False(@lock.IsLocked);
    }

    [Fact]
    public void ProcessCondition_WaitTimesOut_ReturnsFalseWithTheLockHeld()
    {
        using var @lock = new ProcessLock();
        using var condition = new ProcessCondition(@lock);
        using (condition.Hold())
        {
            Assert.False(condition.Wait(TimeSpan.FromMilliseconds(50)));
            Assert.True(@lock.IsLocked);
            Assert.Equal(0, condition.WaitingCount);
            Assert.False(condition.WaitFor(() => false, TimeSpan.FromMilliseconds(30)));
            Assert.True(condition.WaitFor(() => true, TimeSpan.Zero));
        }
        Assert.False(@lock.IsLocked);
    }

    [Fact]
    public void ProcessCondition_WaitOnRLock_ReleasesEveryLevelAndRestoresThem()
    {
        using var rlock = new ProcessRLock();
        using var condition = new ProcessCondition(rlock);
        for (var i = 0; i < 3; i++) Assert.True(condition.Acquire());
        // The notifier can take the lock only if Wait released all three levels.
        var notifier = ThreadRunner.Start(() =>
        {
            ThreadRunner.Until(() => condition.WaitingCount == 1, "the waiter is queued");
            using (condition.Hold(Long)) condition.Notify();
            return true;
        });
        Assert.True(condition.Wait(Long));
        Assert.True(notifier.Result());
        Assert.True(rlock.IsOwnedByCurrentThread);
        rlock.Release();
        rlock.Release();
        rlock.Release();
        Assert.False(rlock.IsLocked);
        Assert.Throws<SynchronizationError>(rlock.Release);
    }

    [Fact]
    public void ProcessCondition_NotifyOne_WakesExactlyOneOfTheWaiters()
    {
        using var condition = new ProcessCondition();
        var woken = 0;
        var waiters = Enumerable.Range(0, 4).Select(_ => ThreadRunner.Start(() =>
        {
            using (condition.Hold(Long))
            {
                var notified = condition.Wait(Long);
                Interlocked.Increment(ref woken);
                return notified;
            }
        })).ToList();
        ThreadRunner.Until(() => condition.WaitingCount == 4, "four threads wait");
        using (condition.Hold(Long))
        {
            condition.Notify();
            Assert.Equal(3, condition.WaitingCount);
        }
        ThreadRunner.Until(() => Volatile.Read(ref woken) == 1, "one waiter returned");
        Assert.Equal(3, condition.WaitingCount);
        using (condition.Hold(Long)) condition.NotifyAll();
        Assert.All(waiters, w => Assert.True(w.Result()));
        Assert.Equal(4, woken);
    }

    [Fact]
    public void ProcessCondition_LaterWaiter_CannotTakeAnEarlierNotification()
    {
        using var condition = new ProcessCondition();
        var early = ThreadRunner.Start(() => { using (condition.Hold(Long)) return condition.Wait(Long); });
        ThreadRunner.Until(() => condition.WaitingCount == 1, "the early waiter is queued");
        Task<bool> late;
        using (condition.Hold(Long))
        {
            condition.Notify();
            // The late waiter queues after the notification; it races the early one for the lock.
            late = ThreadRunner.Start(() => { using (condition.Hold(Long)) return condition.Wait(TimeSpan.FromMilliseconds(200)); });
        }
        Assert.True(early.Result());
        Assert.False(late.Result());
        Assert.Equal(0, condition.WaitingCount);
    }

    [Fact]
    public void ProcessCondition_TimedOutWaiter_DoesNotAbsorbALaterNotify()
    {
        using var condition = new ProcessCondition();
        Assert.False(ThreadRunner.Start(() => { using (condition.Hold(Long)) return condition.Wait(TimeSpan.FromMilliseconds(20)); }).Result());
        var waiter = ThreadRunner.Start(() => { using (condition.Hold(Long)) return condition.Wait(Long); });
        ThreadRunner.Until(() => condition.WaitingCount == 1, "the waiter is queued");
        using (condition.Hold(Long)) condition.Notify();
        Assert.True(waiter.Result());
    }

    [Fact]
    public void ProcessCondition_BoundedBufferManyThreads_EveryItemDeliveredOnce()
    {
        // Two conditions over one lock, the textbook bounded buffer: Notify(1) must never be lost or land on a
        // thread that cannot use it, or some thread waits out its timeout and the test fails.
        using var @lock = new ProcessLock();
        using var notFull = new ProcessCondition(@lock);
        using var notEmpty = new ProcessCondition(@lock);
        var buffer = new Queue<int>();
        const int Capacity = 4, Producers = 3, Consumers = 3, PerProducer = 2000;
        long sum = 0;
        var consumed = 0;
        ThreadRunner.Run(Producers + Consumers, i =>
        {
            if (i < Producers)
            {
                for (var k = 1; k <= PerProducer; k++)
                {
                    using (@lock.Hold(Long))
                    {
                        Assert.True(notFull.WaitFor(() => buffer.Count < Capacity, Long), "a producer waited in vain");
                        buffer.Enqueue(k);
                        notEmpty.Notify();
                    }
                }
                return;
            }
            for (var k = 0; k < Producers * PerProducer / Consumers; k++)
            {
                using (@lock.Hold(Long))
                {
                    Assert.True(notEmpty.WaitFor(() => buffer.Count > 0, Long), "a consumer waited in vain");
                    sum += buffer.Dequeue();
                    consumed++;
                    notFull.Notify();
                }
            }
        });
        Assert.Equal(Producers * PerProducer, consumed);
        Assert.Equal(Producers * (long)PerProducer * (PerProducer + 1) / 2, sum);
        Assert.Equal(0, notFull.WaitingCount + notEmpty.WaitingCount);
    }
}
