using System.Globalization;
using Lab.Engine.Processes;
using Lab.Engine.SharedMemory;

namespace Lab.Engine.Tests.SharedMemory;

/// <summary>Child targets of the shared memory tests (they run in the worker: no xunit here).</summary>
public static class SharedMemoryTargets
{
    /// <summary>Applies [offset, bytes] writes in order to the inherited block (attached by name in this child).</summary>
    public static void WriteAll(SharedMemoryBlock block, List<object?> writes)
    {
        foreach (var write in writes)
        {
            var pair = (object?[])write!;
            var offset = (int)pair[0]!;
            var bytes = (byte[])pair[1]!;
            bytes.CopyTo(block.GetSpan(offset, bytes.Length));
        }
        block.Close();
    }

    /// <summary>Reports, through the handshake, the inherited block's size, this process's tracker pid, and the name
    /// of a block it creates and unlinks itself (which must go to the same tracker).</summary>
    public static void ReportBlockAndTracker(SharedMemoryBlock block, string handshake)
    {
        using var own = new SharedMemoryBlock(create: true, size: 16);
        var trackerPid = SharedMemoryTracker.Pid;
        own.Unlink();
        Handshake.Send(handshake, $"{block.Size} {trackerPid} {own.Name}");
    }

    /// <summary>Creates a block and exits without unlinking it: the tracker must remove it.</summary>
    public static void CreateAndLeak(string handshake)
    {
        var block = new SharedMemoryBlock(create: true, size: 64);
        Handshake.Send(handshake, block.Name);
    }

    /// <summary>Creates a block, reports "name trackerPid", then waits to be killed.</summary>
    public static void CreateReportAndSleep(string handshake)
    {
        var block = new SharedMemoryBlock(create: true, size: 4096);
        block.Span[0] = 42;
        Handshake.Send(handshake, $"{block.Name} {SharedMemoryTracker.Pid}");
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>A creator that hands its block (and so its tracker) to a grandchild, which creates a second block;
    /// reports "creator NAME TRACKER GRANDCHILD_PID" after the grandchild reported "grandchild NAME TRACKER".</summary>
    public static void CreatePassToGrandchildAndSleep(string handshake)
    {
        var block = new SharedMemoryBlock(create: true, size: 128);
        var grandchild = new Process(CreateWithInheritedTrackerAndSleep, [block, handshake], name: "grandchild");
        grandchild.Start();
        Handshake.Send(handshake, $"creator {block.Name} {SharedMemoryTracker.Pid} {grandchild.Pid}");
        Thread.Sleep(Timeout.Infinite);
    }

    public static void CreateWithInheritedTrackerAndSleep(SharedMemoryBlock inherited, string handshake)
    {
        var own = new SharedMemoryBlock(create: true, size: 256);
        Handshake.Send(handshake, $"grandchild {own.Name} {SharedMemoryTracker.Pid} {inherited.Name}");
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Creates a block, kills its own tracker from outside (as "killall" would), then creates a second
    /// block, which must start a new tracker that also gets the first name; reports "b1 b2 oldTracker newTracker".</summary>
    public static void LoseTrackerThenCreateAgain(string handshake)
    {
        var first = new SharedMemoryBlock(create: true, size: 8);
        var oldTracker = SharedMemoryTracker.Pid!.Value;
        using (var watch = new NonChildWatch(oldTracker))
        {
            Lab.Engine.Interop.Libc.kill(oldTracker, Lab.Engine.Interop.Libc.SIGKILL);
            if (!watch.WaitEnded(TimeSpan.FromSeconds(10))) throw new TimeoutException("the tracker survived SIGKILL");
        }
        var second = new SharedMemoryBlock(create: true, size: 8);
        Handshake.Send(handshake, $"{first.Name} {second.Name} {oldTracker} {SharedMemoryTracker.Pid}");
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Waits until all <paramref name="processes"/> have arrived (a spin on a shared counter, bounded), so
    /// that the increments of every child overlap in time instead of running one after the other.</summary>
    private static void StartTogether(SharedValue<int> arrived, int processes)
    {
        Interlocked.Increment(ref arrived.Raw);
        var deadline = Environment.TickCount64 + 30_000;
        while (Volatile.Read(ref arrived.Raw) < processes)
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("the other children did not arrive within 30 s");
            Thread.SpinWait(100);
        }
    }

    /// <summary>The seeds' 59.16 loop: `with counter.get_lock(): counter.value += 1`.</summary>
    public static void IncrementUnderLock(SharedValue<int> counter, SharedValue<int> arrived, int processes, int times)
    {
        StartTogether(arrived, processes);
        for (var i = 0; i < times; i++)
            using (counter.GetLock().Hold(TimeSpan.FromSeconds(30)))
                counter.Value += 1;
    }

    /// <summary>The same loop on a counter without a lock: a read and a write, which other processes interleave.</summary>
    public static void IncrementRaw(SharedValue<int> counter, SharedValue<int> arrived, int processes, int times)
    {
        StartTogether(arrived, processes);
        for (var i = 0; i < times; i++)
            counter.Value += 1;
    }

    /// <summary>a[i] = a[i] * 2 + i for every element, under the array's lock.</summary>
    public static void DoubleAndAddIndex(SharedArray<long> array)
    {
        using (array.GetLock().Hold(TimeSpan.FromSeconds(30)))
            for (var i = 0; i < array.Length; i++)
                array[i] = array[i] * 2 + i;
    }

    public static void SetDoubleAndFlag(SharedValue<double> number, SharedValue<bool> flag, SharedArray<char> text)
    {
        number.Value = Math.PI;
        flag.Value = true;
        text.CopyFrom("child".AsSpan());
    }

    /// <summary>Exit code 0 if the same value passed twice arrived as one object, 3 otherwise.</summary>
    public static void SameObjectTwice(SharedValue<int> a, SharedValue<int> b)
    {
        if (!ReferenceEquals(a, b)) throw new SystemExit(3);
    }

    public static void ReportRawLockError(SharedValue<int> raw, string handshake)
    {
        try
        {
            raw.GetLock();
            Handshake.Send(handshake, "no error");
        }
        catch (InvalidOperationException e)
        {
            Handshake.Send(handshake, e.GetType().FullName + " " + raw.IsSynchronized.ToString(CultureInfo.InvariantCulture));
        }
    }
}
