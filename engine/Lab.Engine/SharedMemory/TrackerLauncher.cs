using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Serialization;
using Lab.Engine.Targets;

namespace Lab.Engine.SharedMemory;

/// <summary>
/// Starts the tracker: an engine worker running <see cref="TrackerServer.Serve"/>, spawned with the engine's own
/// machinery (worker executable, bootstrap frame, posix_spawn thread) but not as a <see cref="Process"/>, because
/// the tracker is not an ordinary child:
/// <list type="bullet">
/// <item>ChildRegistry joins every child at exit, and the tracker only exits after this process is gone (EOF);</item>
/// <item>a daemonic process may create blocks, but may not start a Process;</item>
/// <item>its stdin, stdout, stderr and report pipe are /dev/null: a tracker outlives its creator, and must not hold a
/// pipe that someone reads to EOF (a parent capturing the creator's output would otherwise wait for it).</item>
/// </list>
/// The only descriptor it gets besides those is the read end of its pipe. The write end stays here, close-on-exec.
/// </summary>
internal static class TrackerLauncher
{
    /// <summary>How long a process that started the tracker waits at exit for it to finish unlinking. It exits as soon as
    /// every holder of the write end is gone, which at a normal exit is at once; the bound is for orphans still holding it.</summary>
    public static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    /// <summary>A tracker started by this process: the write end, its pid, and the thread that reaps it.</summary>
    internal sealed class Started(int writeFd, int pid)
    {
        private readonly ManualResetEventSlim _exited = new(false);

        public int WriteFd { get; } = writeFd;
        public int Pid { get; } = pid;

        public bool WaitForExit(TimeSpan timeout) => _exited.Wait(timeout);

        /// <summary>Reaps the tracker when it exits (normally at EOF, after this process closed its end; or if someone
        /// killed it). ECHILD means it was reaped already, e.g. by Diagnostics.OrphanReaper, which reaps untracked
        /// engine workers: either way it has exited.</summary>
        internal unsafe void StartReaper()
        {
            var thread = new Thread(() =>
            {
                var info = stackalloc byte[Libc.SigInfoBytes];
                while (Libc.waitid(Libc.P_PID, Pid, info, Libc.WEXITED) != 0 && Libc.LastErrno == Libc.EINTR) { }
                _exited.Set();
            }, maxStackSize: 256 * 1024) { IsBackground = true, Name = $"lab-shm-tracker-reaper-{Pid}" };
            thread.Start();
        }
    }

    public static Started Start()
    {
        var target = TargetMethod.From(new Action<int>(TrackerServer.Serve));
        var pipe = UnixPipe.Create();
        var input = UnixPipe.Create();
        var devNull = DevNull.Descriptor;
        int pid;
        byte[] bootstrap;
        try
        {
            // Sources are all >= 10; the pipe's read end goes first, above every source, then the fixed 0..4
            // (the same order rule as Process.Start: no dup2 overwrites a descriptor still to be copied).
            var fdBase = Math.Max(Math.Max(pipe.ReadFd, input.ReadFd), devNull) + 1;
            var descriptors = new List<(int Source, int Target)>
            {
                (pipe.ReadFd, fdBase), (devNull, 0), (devNull, 1), (devNull, 2), (input.ReadFd, ControlProtocol.ChildInFd), (devNull, ControlProtocol.ChildOutFd),
            };
            var args = ChannelEncoder.Encode(new object?[] { fdBase });
            bootstrap = ControlProtocol.EncodeBootstrap(new Bootstrap(target, args, "SharedMemoryTracker", Daemon: false, Libc.getpid(),
                StartMethod.Spawn, fdBase, InheritedFdCount: 1));
            pid = ChildSpawner.Spawn(new SpawnRequest(WorkerLocator.WorkerCommand, WorkerLocator.Environment, descriptors));
        }
        catch
        {
            pipe.CloseBoth(); input.CloseBoth();
            throw;
        }
        UnixPipe.Close(pipe.TakeRead());
        UnixPipe.Close(input.TakeRead());
        // A bootstrap frame is a few hundred bytes: it fits in the pipe's buffer, so this never waits for the child.
        using (var stream = input.OpenWrite()) Frames.Write(stream, bootstrap);
        var started = new Started(pipe.TakeWrite(), pid);
        started.StartReaper();
        return started;
    }
}
