using Lab.Engine.Synchronization;
using Lab.Systematic.Engine;
using Lab.Systematic.Exploration;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>
/// The adapter's contracts (issue #5 §2): threads it does not control pass through to the real futex; an untimed wait
/// nobody ends is a deadlock naming the futex word; a timed wait nobody ends times out (after its real deadline)
/// instead of being reported as a deadlock.
/// </summary>
public class EngineAdapterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Adapter_PlainThreadsWhileInstalled_UseTheRealFutex()
    {
        EngineSchedulerAdapter.Install();
        using var @lock = new ProcessLock();
        using var @event = new ProcessEvent();
        using var holding = new ManualResetEventSlim();
        var acquiredByOther = false;
        var eventSeen = false;
        Assert.True(@lock.Acquire(timeout: Patience));
        var other = new Thread(() =>
        {
            holding.Set();
            // Blocks in a real FUTEX_WAIT until the main thread releases: the adapter must let this thread through.
            acquiredByOther = @lock.Acquire(timeout: Patience);
            if (acquiredByOther) @lock.Release();
            eventSeen = @event.Wait(Patience);
        }) { IsBackground = true, Name = "uncontrolled-engine-user" };
        other.Start();
        Assert.True(holding.Wait(Patience), "the other thread did not start");
        @lock.Release();
        @event.Set();
        Assert.True(other.Join(Patience), "a plain thread hung in the engine while the adapter was installed");
        Assert.True(acquiredByOther, "the plain thread did not get the lock after it was released");
        Assert.True(eventSeen, "the plain thread did not see the event set");
    }

    [Fact]
    public void Adapter_PlainThreadAsleepInABarrierWhileInstalled_IsReleasedByTheRealWake()
    {
        EngineSchedulerAdapter.Install();
        using var barrier = new ProcessBarrier(2);
        var index = -1;
        var other = new Thread(() => index = barrier.Wait(Patience)) { IsBackground = true, Name = "uncontrolled-barrier-party" };
        other.Start();
        // A handshake on observable state: the other party has arrived and is (or is about to be) asleep in FUTEX_WAIT.
        var deadline = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
        var spin = new SpinWait();
        while (barrier.NWaiting != 1)
        {
            Assert.True(Environment.TickCount64 < deadline, "the other party never arrived at the barrier");
            spin.SpinOnce();
        }
        var mine = barrier.Wait(Patience);
        Assert.True(other.Join(Patience), "a plain thread stayed asleep in the barrier while the adapter was installed");
        Assert.Equal(1, mine + index);
    }

    [Fact]
    public void Adapter_UntimedEventWaitNobodySets_ReportsDeadlockNamingTheWord()
    {
        var program = new SystematicProgram("engine-test.event-never-set", rt =>
        {
            EngineSchedulerAdapter.Install();
            using var @event = new ProcessEvent();
            rt.Spawn(() => @event.Wait(), "waiter").Join();
        });
        var settings = new ExplorationSettings { Strategy = "dfs", Iterations = 10, Shrink = false };
        var report = Explorer.Explore(program, settings);
        Assert.True(report.Failure is { Bug.Kind: BugKind.Deadlock }, Explain.Report(report, settings));
        Explain.Within(Explain.Report(report, settings), () =>
        {
            Assert.Matches("op 1 'waiter' waits for futex word 0x[0-9a-f]+ to change from 0 \\(FUTEX_WAIT\\)", report.Failure!.Bug.Message);
            Assert.Contains("op 0 'main' waits for op 1 'waiter' to complete", report.Failure!.Bug.Message);
        });
    }

    [Fact]
    public void Adapter_TimedLockAcquireNobodyReleases_TimesOutAfterItsDeadlineInsteadOfDeadlock()
    {
        var timeout = TimeSpan.FromMilliseconds(2);
        var program = new SystematicProgram("engine-test.timed-acquire", rt =>
        {
            EngineSchedulerAdapter.Install();
            using var @lock = new ProcessLock();
            @lock.Acquire();
            rt.Spawn(() =>
            {
                var started = Environment.TickCount64;
                var got = @lock.Acquire(timeout: timeout);
                rt.Assert(!got, "a timed acquire of a lock held until the end succeeded");
                rt.Assert(Environment.TickCount64 - started >= timeout.TotalMilliseconds, "a controlled time-out returned before its real deadline");
            }, "timed-waiter").Join();
            @lock.Release();
        });
        var settings = new ExplorationSettings { Strategy = "dfs", Iterations = 1000 };
        var report = Explorer.Explore(program, settings);
        Assert.True(report.Failure is null, Explain.Report(report, settings));
        Assert.True(report.Exhausted, Explain.Report(report, settings));
    }
}
