using System.Globalization;
using Lab.Engine.Processes;
using Lab.Engine.Synchronization;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>Child-process targets for the synchronization tests. They run in the worker, so they must not touch
/// xunit; they report through exit codes, exceptions, handshakes and captured stdout.</summary>
public static class SyncTargets
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Read-modify-write of a number in a file, which only the lock makes atomic.</summary>
    public static void IncrementFileUnderLock(ProcessLock @lock, string path, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using (@lock.Hold(Patience))
            {
                var n = int.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture);
                File.WriteAllText(path, (n + 1).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Acquires, tells the test, and returns without releasing.</summary>
    public static void AcquireAndExit(ProcessLock @lock, string handshake)
    {
        if (!@lock.Acquire(timeout: Patience)) throw new SystemExit(2);
        Handshake.Send(handshake, "held");
    }

    /// <summary>Acquires, tells the test, and blocks until killed.</summary>
    public static void AcquireAndSleep(ProcessLock @lock, string handshake)
    {
        if (!@lock.Acquire(timeout: Patience)) throw new SystemExit(2);
        Handshake.Send(handshake, "held");
        Thread.Sleep(Timeout.Infinite);
    }

    public static void ReleaseLock(ProcessLock @lock) => @lock.Release();

    /// <summary>Exit 3 if the RLock could be taken here (it should be held by the parent); otherwise releases it,
    /// which must throw.</summary>
    public static void ReleaseForeignRLock(ProcessRLock @lock)
    {
        if (@lock.Acquire(block: false)) throw new SystemExit(3);
        @lock.Release();
    }

    public static void WaitForEvent(ProcessEvent @event, string handshake)
    {
        Handshake.Send(handshake, "waiting");
        throw new SystemExit(@event.Wait(Patience) ? 0 : 2);
    }

    /// <summary>Tells the test while it holds the condition's lock, so the test's notify (which needs the lock)
    /// can only come once this waiter is queued.</summary>
    public static void WaitOnCondition(ProcessCondition condition, string handshake)
    {
        using (condition.Hold(Patience))
        {
            Handshake.Send(handshake, "waiting");
            if (!condition.Wait(Patience)) throw new SystemExit(2);
        }
    }

    public static void NotifyCondition(ProcessCondition condition)
    {
        using (condition.Hold(Patience)) condition.Notify();
    }

    /// <summary>Sends the index Wait returned, or "broken".</summary>
    public static void WaitAtBarrier(ProcessBarrier barrier, string handshake, int timeoutMs)
    {
        string outcome;
        try { outcome = barrier.Wait(TimeSpan.FromMilliseconds(timeoutMs)).ToString(CultureInfo.InvariantCulture); }
        catch (BrokenBarrierError) { outcome = "broken"; }
        Handshake.Send(handshake, outcome);
    }

    /// <summary>A barrier action: one line on stdout in the process that ran it.</summary>
    public static void PrintBarrierAction()
    {
        Console.Out.WriteLine($"action-ran pid={Environment.ProcessId}");
        Console.Out.Flush();
    }

    public static void ReleaseSemaphore(ProcessSemaphore semaphore, int times)
    {
        for (var i = 0; i < times; i++) semaphore.Release();
    }

    public static void ReleaseBoundedSemaphore(ProcessBoundedSemaphore semaphore) => semaphore.Release();

    /// <summary>Receives the same lock twice, once inside a condition: both must be one object here.</summary>
    public static void CheckSameLock(ProcessLock @lock, ProcessCondition condition)
    {
        using (condition.Hold(Patience))
        {
            // The condition's lock is held by this thread: the separately passed lock must show it.
            if (!@lock.IsLocked || @lock.Acquire(block: false)) throw new SystemExit(4);
        }
        if (@lock.IsLocked) throw new SystemExit(5);
    }
}
