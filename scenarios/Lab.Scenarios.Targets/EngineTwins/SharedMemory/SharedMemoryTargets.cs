using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Processes;
using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;

namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>Targets run in engine children for the shared-memory scenarios (seeds 59.16, 59.17), and the helpers the
/// scenarios share.</summary>
public static class SharedMemoryTargets
{
    public const int Children = 4;
    public const int Increments = 1000;

    private static readonly TimeSpan ChildWait = TimeSpan.FromSeconds(60);
    private static int _names;

    /// <summary>Attaches to the block by name and writes <paramref name="payload"/> at <paramref name="offset"/>.</summary>
    [ProcessTarget]
    public static void AttachAndWrite(string name, int offset, byte[] payload)
    {
        using var block = new SharedMemoryBlock(name);
        payload.CopyTo(block.GetSpan(offset, payload.Length));
    }

    /// <summary>Waits at the gate (all children start together, so that they overlap), then increments n times,
    /// under the value's lock or not. Exit code 4: the gate broke.</summary>
    [ProcessTarget]
    public static void Increment(SharedValue<int> value, ProcessBarrier gate, int n, bool locked)
    {
        try { gate.Wait(ChildWait); }
        catch (BrokenBarrierError) { throw new SystemExit(4); }
        if (locked)
        {
            var @lock = value.GetLock();
            for (var i = 0; i < n; i++)
                using (@lock.Hold()) value.Value += 1;
        }
        else
        {
            for (var i = 0; i < n; i++) value.Value += 1;
        }
    }

    /// <summary>Creates the named block, reports "created", and blocks without closing or unlinking it (the parent
    /// SIGKILLs it). It received no block, so it registers the name with a tracker of its own.</summary>
    [ProcessTarget]
    public static void CreateReportBlock(string name, Connection conn)
    {
        var block = new SharedMemoryBlock(name, create: true, size: 4096);
        "owner"u8.CopyTo(block.Span);
        conn.Send("created");
        try { conn.Recv(ChildWait); }
        catch (Exception e) when (e is TimeoutException or EndOfStreamException) { }
    }

    /// <summary>A name no one else uses: "lab_" (the engine's prefix, so leftovers show in
    /// SharedMemoryTracker.EntriesInDevShm) + "scn_" + pid + counter.</summary>
    public static string FreshName() => $"lab_scn_{Environment.ProcessId}_{Interlocked.Increment(ref _names)}_{Environment.TickCount64 % 1_000_000_000}";

    public static bool EntryExists(string name) => File.Exists(Path.Combine("/dev/shm", name));

    /// <summary>Unlinks <paramref name="name"/> if it exists; true if it did.</summary>
    public static bool UnlinkIfPresent(string name)
    {
        try
        {
            using var block = new SharedMemoryBlock(name);
            block.Unlink();
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>CPython's error kinds for the engine's exceptions: ArgumentException (incl. out of range) is
    /// ValueError, FileNotFoundException is FileNotFoundError, SharedMemoryExistsError is FileExistsError.</summary>
    public static (string Raised, string How) Attempt(Action call)
    {
        try
        {
            call();
            return ("none", "no error");
        }
        catch (Exception e)
        {
            var raised = e switch
            {
                FileNotFoundException => "not_found",
                SharedMemoryExistsError => "exists",
                ArgumentException => "value_error",
                _ => e.GetType().Name,
            };
            return (raised, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
