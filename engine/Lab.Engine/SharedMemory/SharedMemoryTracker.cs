using System.Runtime.CompilerServices;
using System.Text;
using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// The client side of the resource tracker (CPython: multiprocessing/resource_tracker.py). Every name the engine
/// creates in /dev/shm is registered with a tracker process before the file is created, and unregistered after it
/// is unlinked. The tracker reads those lines from a pipe; when every process holding the pipe's write end has
/// exited — normally or by SIGKILL, the kernel closes the descriptors either way — it reads EOF and unlinks every
/// name still registered. So a creator killed before Unlink() leaks nothing beyond the life of its process tree.
/// <para>
/// Which processes share one tracker: the process that first creates a block starts one (lazily, as CPython's
/// ensure_running); it hands the write end to a child through the inheritance mechanism whenever it passes a
/// <see cref="SharedMemoryBlock"/> to the child's target, and the child then registers its own blocks with the same
/// tracker. A child that received no block and creates one starts its own tracker. See README.md, "Tracker".
/// </para>
/// <para>
/// Named semaphores are not tracked because the engine has none: its locks, semaphores, events, conditions,
/// barriers, Value and Array live in anonymous memfd regions (Sharing/SharedRegion.cs), which have no name and
/// are freed by the kernel with their last descriptor and mapping.
/// </para>
/// </summary>
public static class SharedMemoryTracker
{
    /// <summary>The one resource type of the protocol (CPython also tracks "semaphore"; the engine has no named
    /// semaphores).</summary>
    internal const string SharedMemoryType = "shared_memory";

    private static readonly object Gate = new();

    /// <summary>Names registered by this process and not unregistered, with counts: re-sent if the tracker has to be
    /// restarted (CPython warns "resource_tracker: process died unexpectedly, relaunching. Some resources might leak.").</summary>
    private static readonly Dictionary<string, int> RegisteredHere = new(StringComparer.Ordinal);

    private static int _writeFd = -1;
    private static int? _pid;
    private static TrackerLauncher.Started? _startedHere;
    private static bool _exitHookInstalled;

    /// <summary>The pid of the tracker this process registers with, or null if it has none yet (none is started
    /// before the first create). Known for a tracker started here or inherited from the parent.</summary>
    public static int? Pid
    {
        get { lock (Gate) return _writeFd >= 0 ? _pid : null; }
    }

    /// <summary>Names this process has created and not unlinked (they are the tracker's to unlink if this process
    /// tree ends first).</summary>
    public static IReadOnlyList<string> RegisteredByThisProcess
    {
        get { lock (Gate) return RegisteredHere.Keys.Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>Diagnostic: the entries of /dev/shm whose names start with <paramref name="prefix"/> (by default the
    /// prefix of generated names), whoever created them. After a run, none of the lab's should remain.</summary>
    public static IReadOnlyList<string> EntriesInDevShm(string prefix = SharedMemoryNames.GeneratedPrefix) =>
        System.IO.Directory.EnumerateFiles(SharedMemoryNames.Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Called before the file is created, so that no instant exists in which the entry exists untracked.</summary>
    internal static void Register(string name)
    {
        lock (Gate)
        {
            EnsureRunning();
            if (!Send("REGISTER", name))
            {
                // The tracker is gone (someone killed it): start a new one and give it everything this process holds.
                Restart();
                if (!Send("REGISTER", name)) throw new IOException("the shared memory resource tracker died right after it was started");
            }
            RegisteredHere[name] = RegisteredHere.GetValueOrDefault(name) + 1;
        }
    }

    /// <summary>After an unlink (or a failed create). Without a live tracker there is nothing to unregister from.</summary>
    internal static void Unregister(string name)
    {
        lock (Gate)
        {
            if (RegisteredHere.TryGetValue(name, out var count))
            {
                if (count > 1) RegisteredHere[name] = count - 1;
                else RegisteredHere.Remove(name);
            }
            if (_writeFd >= 0 && !Send("UNREGISTER", name)) CloseWriteEnd();
        }
    }

    /// <summary>Parent side of a child start: the state that hands this process's tracker to the child (slot of
    /// the write end, tracker pid), or null if this process has no tracker.</summary>
    internal static object? Export(InheritanceWriter writer)
    {
        lock (Gate)
            return _writeFd < 0 ? null : new object?[] { writer.Add(_writeFd), _pid ?? 0 };
    }

    /// <summary>Child side: adopts the parent's tracker (the inherited write end) unless this process has one.</summary>
    internal static void Adopt(object? state, InheritanceReader reader)
    {
        if (state is null) return;
        if (state is not object?[] { Length: 2 } parts || parts[0] is not int slot || parts[1] is not int pid)
            throw new ChannelFormatError("malformed state for an inherited shared memory tracker");
        var fd = reader.Descriptor(slot);
        lock (Gate)
        {
            if (_writeFd == fd) return;
            if (_writeFd >= 0)
            {
                Libc.close(fd);
                return;
            }
            // dup2 cleared close-on-exec in the child: set it again, so that only explicit inheritance passes it on.
            Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
            _writeFd = fd;
            _pid = pid == 0 ? null : pid;
        }
    }

    private static void EnsureRunning()
    {
        if (_writeFd >= 0) return;
        InstallExitHook();
        _startedHere = TrackerLauncher.Start();
        _writeFd = _startedHere.WriteFd;
        _pid = _startedHere.Pid;
    }

    private static void Restart()
    {
        CloseWriteEnd();
        EnsureRunning();
        foreach (var (name, count) in RegisteredHere)
            for (var i = 0; i < count; i++)
                if (!Send("REGISTER", name)) throw new IOException("the shared memory resource tracker died right after it was started");
    }

    /// <summary>One line per write(2), shorter than PIPE_BUF, so lines of concurrent writers never interleave
    /// (CPython checks the same bound: "msg too long"). Returns false on EPIPE: the tracker has exited.</summary>
    private static unsafe bool Send(string command, string name)
    {
        var line = Encoding.UTF8.GetBytes($"{command} {SharedMemoryType} {name}\n");
        if (line.Length > Libc.PIPE_BUF) throw new ArgumentException("shared memory block name too long for the tracker", nameof(name));
        fixed (byte* p = line)
        {
            while (true)
            {
                var n = Libc.write(_writeFd, p, (nuint)line.Length);
                if (n == line.Length) return true;
                var errno = Libc.LastErrno;
                if (n < 0 && errno == Libc.EINTR) continue;
                if (n < 0 && errno == Libc.EPIPE) return false;
                throw Libc.Error("write(resource tracker pipe)", n < 0 ? errno : 0);
            }
        }
    }

    private static void CloseWriteEnd()
    {
        if (_writeFd >= 0) Libc.close(_writeFd);
        _writeFd = -1;
        _pid = null;
        _startedHere = null;
    }

    /// <summary>
    /// At a normal exit, the process that started the tracker closes its write end and waits (bounded) for the
    /// tracker to exit, so that whatever is left is unlinked before this process is gone. ChildRegistry's own exit
    /// handler is forced to be subscribed first: it joins our children (which may hold the write end) before this
    /// one runs (ProcessExit handlers run in subscription order). A SIGKILLed process skips all this: the kernel
    /// closes its write end, and the tracker cleans up when the last holder is gone.
    /// </summary>
    private static void InstallExitHook()
    {
        if (_exitHookInstalled) return;
        RuntimeHelpers.RunClassConstructor(typeof(ChildRegistry).TypeHandle);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            TrackerLauncher.Started? started;
            lock (Gate)
            {
                started = _startedHere;
                CloseWriteEnd();
            }
            started?.WaitForExit(TrackerLauncher.ExitWait);
        };
        _exitHookInstalled = true;
    }
}
