using Lab.Engine.Synchronization;
using Xunit;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>ProcessLock and ProcessRLock within one process: the futex mutex under many threads, CPython's
/// acquire/release semantics and messages (synchronize.py, Modules/_multiprocessing/semaphore.c).</summary>
public class LockTests
{
    private static readonly TimeSpan Long = ThreadRunner.BeyondJoin;

    /// <summary>A read-then-write increment that loses updates unless the critical sections never overlap.</summary>
    private sealed class Unprotected
    {
        public long Value;
        public int Inside;
        public int MaxInside;

        public void Increment()
        {
            var inside = Interlocked.Increment(ref Inside);
            if (inside > MaxInside) MaxInside = inside;
            var v = Volatile.Read(ref Value);
            Thread.SpinWait(20);
            Volatile.Write(ref Value, v + 1);
            Interlocked.Decrement(ref Inside);
        }
    }

    [Fact]
    public void ProcessLock_ManyThreadsIncrementUnderLock_NoUpdateLost()
    {
        using var @lock = new ProcessLock();
        var counter = new Unprotected();
        ThreadRunner.Run(8, _ =>
        {
            for (var i = 0; i < 3000; i++)
            {
                Assert.True(@lock.Acquire(timeout: Long));
                counter.Increment();
                @lock.Release();
            }
        });
        Assert.Equal(8 * 3000, counter.Value);
        Assert.Equal(1, counter.MaxInside);
        Assert.False(@lock.IsLocked);
    }

    [Fact]
    public void ProcessLock_ReleaseWhenUnlocked_ThrowsReleasedTooManyTimes()
    {
        using var @lock = new ProcessLock();
        Assert.Equal("semaphore or lock released too many times", Assert.Throws<SynchronizationError>(@lock.Release).Message);
        Assert.True(@lock.Acquire());
        @lock.Release();
        Assert.Throws<SynchronizationError>(@lock.Release);
        Assert.False(@lock.IsLocked);
    }

    [Fact]
    public void ProcessLock_HeldNonBlocking_ReturnsFalseAndIgnoresTimeout()
    {
        using var @lock = new ProcessLock();
        Assert.True(@lock.Acquire(block: false));
        Assert.False(@lock.Acquire(block: false, timeout: TimeSpan.FromHours(1)));
        Assert.True(@lock.IsLocked);
    }

    [Fact]
    public void ProcessLock_HeldWithTimeout_ReturnsFalse()
    {
        using var @lock = new ProcessLock();
        Assert.True(@lock.Acquire());
        Assert.False(@lock.Acquire(timeout: TimeSpan.FromMilliseconds(100)));
        Assert.False(ThreadRunner.Start(() => @lock.Acquire(timeout: TimeSpan.FromMilliseconds(100))).Result());
    }

    [Fact]
    public void ProcessLock_NegativeTimeout_CountsAsZero()
    {
        using var @lock = new ProcessLock();
        Assert.True(@lock.Acquire(timeout: TimeSpan.FromSeconds(-1)));
        Assert.False(@lock.Acquire(timeout: TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void ProcessLock_ReleasedByAnotherThread_Unlocks()
    {
        using var @lock = new ProcessLock();
        Assert.True(ThreadRunner.Start(() => @lock.Acquire()).Result());
        Assert.True(ThreadRunner.Start(() => { @lock.Release(); return true; }).Result());
        Assert.True(@lock.Acquire(block: false));
    }

    [Fact]
    public void ProcessLock_BlockedAcquirer_GetsItOnRelease()
    {
        using var @lock = new ProcessLock();
        Assert.True(@lock.Acquire());
        var waiter = ThreadRunner.Start(() => @lock.Acquire(timeout: Long));
        @lock.Release();
        Assert.True(waiter.Result());
        Assert.False(@lock.Acquire(block: false));
    }

    [Fact]
    public void ProcessLock_HoldNotAcquiredInTime_ThrowsTimeout()
    {
        using var @lock = new ProcessLock();
        using (@lock.Hold())
        {
            Assert.True(@lock.IsLocked);
            Assert.Throws<TimeoutException>(() => ThreadRunner.Start(() => @lock.Hold(TimeSpan.FromMilliseconds(50))).Result());
        }
        Assert.False(@lock.IsLocked);
    }

    [Fact]
    public void ProcessLock_Disposed_ThrowsObjectDisposed()
    {
        var @lock = new ProcessLock();
        @lock.Dispose();
        Assert.Throws<ObjectDisposedException>(() => @lock.Acquire());
        Assert.Equal("<ProcessLock(disposed)>", @lock.ToString());
    }

    [Fact]
    public void ProcessRLock_OwnerReacquires_NeedsAsManyReleases()
    {
        using var rlock = new ProcessRLock();
        for (var i = 0; i < 3; i++) Assert.True(rlock.Acquire(block: false));
        Assert.False(ThreadRunner.Start(() => rlock.Acquire(block: false)).Result());
        rlock.Release();
        rlock.Release();
        Assert.True(rlock.IsOwnedByCurrentThread);
        rlock.Release();
        Assert.False(rlock.IsLocked);
        Assert.Equal("cannot release un-acquired lock", Assert.Throws<SynchronizationError>(rlock.Release).Message);
    }

    [Fact]
    public void ProcessRLock_ReleaseByAnotherThread_Throws()
    {
        using var rlock = new ProcessRLock();
        Assert.True(rlock.Acquire());
        var error = Assert.Throws<SynchronizationError>(() => ThreadRunner.Start(() => { rlock.Release(); return true; }).Result());
        Assert.Equal("cannot release un-acquired lock", error.Message);
        Assert.True(rlock.IsOwnedByCurrentThread);
    }

    [Fact]
    public void ProcessRLock_ManyThreadsRecursiveIncrement_NoUpdateLost()
    {
        using var rlock = new ProcessRLock();
        var counter = new Unprotected();
        ThreadRunner.Run(6, _ =>
        {
            for (var i = 0; i < 2000; i++)
            {
                Assert.True(rlock.Acquire(timeout: Long));
                Assert.True(rlock.Acquire(block: false));
                counter.Increment();
                rlock.Release();
                rlock.Release();
            }
        });
        Assert.Equal(6 * 2000, counter.Value);
        Assert.Equal(1, counter.MaxInside);
        Assert.False(rlock.IsLocked);
    }
}
