using System.Collections.Concurrent;
using Lab.Engine.Interop;

namespace Lab.Engine.Processes;

/// <summary>
/// Live children of this process. At a normal exit it does what CPython's util._exit_function does:
/// terminate daemonic children, then join every child. (A parent killed outright cannot do this; daemon
/// children then die through PR_SET_PDEATHSIG instead.)
/// </summary>
internal static class ChildRegistry
{
    private static readonly ConcurrentDictionary<int, Child> Live = new();

    static ChildRegistry() => AppDomain.CurrentDomain.ProcessExit += (_, _) => AtExit();

    public static void Add(Child child) => Live[child.Pid] = child;

    public static void Remove(Child child) => Live.TryRemove(child.Pid, out _);

    public static int Count => Live.Count;

    public static bool IsTracked(int pid) => Live.ContainsKey(pid);

    public static IReadOnlyList<Child> Snapshot() => Live.Values.ToArray();

    /// <summary>Held from posix_spawn until the new child is registered, and by the orphan reaper while it scans,
    /// so a just-spawned child that exits at once is never mistaken for an adopted orphan.</summary>
    public static readonly object SpawnGate = new();

    private static void AtExit()
    {
        foreach (var child in Live.Values.Where(c => c.Daemon)) child.Signal(Libc.SIGTERM);
        foreach (var child in Live.Values) child.Wait(null);
    }
}
