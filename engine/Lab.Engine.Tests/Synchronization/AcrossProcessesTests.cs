using System.Globalization;
using Lab.Engine.Processes;
using Lab.Engine.Synchronization;
using Xunit;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>Locks and semaphores handed to real child processes as target arguments (inherited shared memory).</summary>
public class LocksAcrossProcessesTests
{
    [Fact]
    public void ProcessLock_FourChildrenIncrementAFileUnderIt_NoUpdateLost()
    {
        const int Children = 4, Times = 200;
        using var @lock = new ProcessLock();
        var path = Path.Combine(Directory.CreateTempSubdirectory("lab-sync-").FullName, "counter");
        try
        {
            File.WriteAllText(path, "0");
            var processes = Enumerable.Range(0, Children).Select(_ => new Process(SyncTargets.IncrementFileUnderLock, [@lock, path, Times])).ToList();
            try
            {
                processes.ForEach(p => p.Start());
                foreach (var p in processes)
                {
                    p.JoinOrFail();
                    Assert.True(p.ExitCode == 0, $"{p}: {p.Error}");
                }
            }
            finally
            {
                processes.ForEach(p => p.Dispose());
            }
            Assert.Equal(Children * Times, int.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture));
            Assert.False(@lock.IsLocked);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void ProcessLock_AcquiredByChild_ReleasedByParent()
    {
        using var @lock = new ProcessLock();
        using var handshake = new Handshake();
        using var p = new Process(SyncTargets.AcquireAndExit, [@lock, handshake.Path]);
        p.Start();
        Assert.Equal("held", handshake.Receive(p, Limits.Join));
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
        Assert.False(@lock.Acquire(block: false));
        @lock.Release();
        Assert.True(@lock.Acquire(block: false));
    }

    [Fact]
    public void ProcessLock_AcquiredByParent_ReleasedByChild()
    {
        using var @lock = new ProcessLock();
        Assert.True(@lock.Acquire());
        using var p = new Process(SyncTargets.ReleaseLock, [@lock]).RunToEnd();
        Assert.True(p.ExitCode == 0, $"{p}: {p.Error}");
        Assert.False(@lock.IsLocked);
        Assert.True(@lock.Acquire(block: false));
    }

    [Fact]
    public void ProcessLock_HolderKilled_StaysHeld()
    {
        // The documented hazard (DESIGN.md, "Sync"; CPython: POSIX semaphores have no robust mode).
        using var @lock = new ProcessLock();
        using var handshake = new Handshake();
        using var p = new Process(SyncTargets.AcquireAndSleep, [@lock, handshake.Path]);
        p.Start();
        Assert.Equal("held", handshake.Receive(p, Limits.Join));
        p.Kill();
        p.JoinOrFail();
        Assert.Equal(-9, p.ExitCode);
        Assert.False(@lock.Acquire(timeout: TimeSpan.FromMilliseconds(200)));
        Assert.True(@lock.IsLocked);
    }

    [Fact]
    public void ProcessRLock_ReleasedByNonOwnerChild_Fails()
    {
        using var rlock = new ProcessRLock();
        Assert.True(rlock.Acquire());
        using var p = new Process(SyncTargets.ReleaseForeignRLock, [rlock], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal(typeof(SynchronizationError).FullName, p.Error?.Type);
        Assert.Equal("cannot release un-acquired lock", p.Error?.Message);
        Assert.True(rlock.IsOwnedByCurrentThread);
        rlock.Release();
        Assert.False(rlock.IsLocked);
    }

    [Fact]
    public void ProcessSemaphore_ChildrenRelease_ParentSeesEveryUnit()
    {
        using var semaphore = new ProcessSemaphore(0);
        using var bounded = new ProcessBoundedSemaphore(1);
        using var a = new Process(SyncTargets.ReleaseSemaphore, [semaphore, 50]);
        using var b = new Process(SyncTargets.ReleaseSemaphore, [semaphore, 70]);
        using var c = new Process(SyncTargets.ReleaseBoundedSemaphore, [bounded], output: ProcessOutput.Capture);
        a.Start(); b.Start(); c.Start();
        a.JoinOrFail(); b.JoinOrFail(); c.JoinOrFail();
        Assert.Equal((0, 0), (a.ExitCode, b.ExitCode));
        Assert.Equal(120, semaphore.Value);
        Assert.Equal(1, c.ExitCode);
        Assert.Equal("semaphore or lock released too many times", c.Error?.Message);
        Assert.Equal(1, bounded.Value);
    }

    [Fact]
    public void ProcessLock_PassedAloneAndInsideACondition_IsOneObjectInTheChild()
    {
        using var @lock = new ProcessLock();
        using var condition = new ProcessCondition(@lock);
        using var p = new Process(SyncTargets.CheckSameLock, [@lock, condition]).RunToEnd();
        Assert.True(p.ExitCode == 0, $"{p}: {p.Error}");
    }
}

/// <summary>Event, Condition and Barrier across real child processes.</summary>
public class WaitingAcrossProcessesTests
{
    [Fact]
    public void ProcessEvent_SetInParent_WakesWaitingChild()
    {
        using var @event = new ProcessEvent();
        using var handshake = new Handshake();
        using var p = new Process(SyncTargets.WaitForEvent, [@event, handshake.Path]);
        p.Start();
        Assert.Equal("waiting", handshake.Receive(p, Limits.Join));
        // The waiter count is in shared memory: the child is inside Wait, not merely about to call it.
        ThreadRunner.Until(() => @event.WaitingCount == 1, "the child waits");
        @event.Set();
        p.JoinOrFail();
        Assert.True(p.ExitCode == 0, $"{p}: {p.Error}");
    }

    [Fact]
    public void ProcessCondition_NotifyFromParent_WakesWaitingChild()
    {
        using var condition = new ProcessCondition();
        using var handshake = new Handshake();
        using var p = new Process(SyncTargets.WaitOnCondition, [condition, handshake.Path]);
        p.Start();
        Assert.Equal("waiting", handshake.Receive(p, Limits.Join));
        // The child sent the handshake holding the lock: the parent gets it only once the child waits.
        using (condition.Hold(Limits.Join))
        {
            Assert.Equal(1, condition.WaitingCount);
            condition.Notify();
        }
        p.JoinOrFail();
        Assert.True(p.ExitCode == 0, $"{p}: {p.Error}");
    }

    [Fact]
    public void ProcessCondition_NotifyFromChild_WakesWaitingParent()
    {
        using var @lock = new ProcessLock();
        using var condition = new ProcessCondition(@lock);
        using (condition.Hold(Limits.Join))
        {
            using var p = new Process(SyncTargets.NotifyCondition, [condition]);
            p.Start();
            // The child can notify only once this Wait has released the lock, so the notification cannot be missed.
            Assert.True(condition.Wait(Limits.Join));
            p.JoinOrFail();
            Assert.True(p.ExitCode == 0, $"{p}: {p.Error}");
        }
    }

    [Fact]
    public void ProcessBarrier_ThreeProcesses_IndicesAreZeroOneTwoAndActionRunsOnce()
    {
        using var barrier = new ProcessBarrier(3, SyncTargets.PrintBarrierAction);
        using var handshake = new Handshake();
        using var a = new Process(SyncTargets.WaitAtBarrier, [barrier, handshake.Path, 30_000], output: ProcessOutput.Capture);
        using var b = new Process(SyncTargets.WaitAtBarrier, [barrier, handshake.Path, 30_000], output: ProcessOutput.Capture);
        using var c = new Process(SyncTargets.WaitAtBarrier, [barrier, handshake.Path, 30_000], output: ProcessOutput.Capture);
        Process[] all = [a, b, c];
        foreach (var p in all) p.Start();
        var indices = all.Select(p => handshake.Receive(null, Limits.Join)).Order().ToList();
        foreach (var p in all) p.JoinOrFail();
        Assert.Equal(["0", "1", "2"], indices);
        Assert.All(all, p => Assert.True(p.ExitCode == 0, $"{p}: {p.Error}"));
        Assert.Equal(1, all.Sum(p => p.Stdout!.Split('\n').Count(line => line.StartsWith("action-ran", StringComparison.Ordinal))));
        Assert.False(barrier.Broken);
    }

    [Fact]
    public void ProcessBarrier_TimeoutInOneChild_BreaksItForEveryProcess()
    {
        using var barrier = new ProcessBarrier(3);
        using var handshake = new Handshake();
        using var patient = new Process(SyncTargets.WaitAtBarrier, [barrier, handshake.Path, 30_000]);
        using var impatient = new Process(SyncTargets.WaitAtBarrier, [barrier, handshake.Path, 200]);
        patient.Start();
        impatient.Start();
        Assert.Equal(["broken", "broken"], new[] { handshake.Receive(null, Limits.Join), handshake.Receive(null, Limits.Join) });
        patient.JoinOrFail();
        impatient.JoinOrFail();
        Assert.Equal((0, 0), (patient.ExitCode, impatient.ExitCode));
        Assert.True(barrier.Broken);
        Assert.Throws<BrokenBarrierError>(() => barrier.Wait(Limits.Join));
    }
}
