using Lab.Engine.Interop;
using Lab.Engine.Serialization;

namespace Lab.Engine.Processes;

/// <summary>
/// One started child: its pid, its exit state, and the thread that reaps it. The reaper waits through
/// <see cref="IChildExit"/> without reaping (for our own child: waitid(WNOWAIT), so its pid cannot be reused),
/// then collects the exit code under <see cref="_gate"/>; signals are only sent under the same lock to a child not
/// yet collected. Every child is reaped by its own thread whether or not anyone joins it, so no zombie outlives it
/// (a forkserver child is reaped by the server, Forking/ServerChildExit.cs).
/// </summary>
internal sealed class Child
{
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _exited = new(false);
    private readonly int _controlFd;
    private readonly IChildExit _exit;
    private int? _exitCode;
    private ExitReport? _report;

    /// <param name="exit">How the end is observed: null for a child of this process (waitid/wait4); the forkserver
    /// passes its own, since its children are the server's.</param>
    public Child(int pid, int controlFd, bool daemon, IChildExit? exit = null)
    {
        Pid = pid;
        Daemon = daemon;
        _controlFd = controlFd;
        _exit = exit ?? new OwnChildExit(pid);
        var reaper = new Thread(Reap, maxStackSize: 256 * 1024) { IsBackground = true, Name = $"lab-engine-reaper-{pid}" };
        ChildRegistry.Add(this);
        reaper.Start();
    }

    public int Pid { get; }
    public bool Daemon { get; }
    public RemoteError? Error { get; private set; }
    public string? ProtocolError { get; private set; }
    public long? PeakResidentKiB { get; private set; }

    public int? ExitCode
    {
        get { lock (_gate) return _exitCode; }
    }

    public bool Wait(TimeSpan? timeout) => timeout is { } t ? _exited.Wait(t < TimeSpan.Zero ? TimeSpan.Zero : t) : _exited.Wait(Timeout.Infinite);

    /// <summary>Wait, ended by this process's interrupt when it handles SIGINT/SIGTERM (Process.Join; Interrupts.Wait).</summary>
    public bool WaitInterruptibly(TimeSpan? timeout) =>
        Interrupts.Wait(_exited, timeout is { } t ? (t < TimeSpan.Zero ? TimeSpan.Zero : t) : Timeout.InfiniteTimeSpan);

    /// <summary>Sends a signal unless the child has already been reaped (then it is a no-op, as in CPython,
    /// whose terminate() on a finished process does nothing).</summary>
    public void Signal(int signal)
    {
        lock (_gate)
        {
            if (_exitCode is not null) return;
            _exit.Signal(signal);
        }
    }

    private void Reap()
    {
        if (_exit.WaitUntilExited() is { } waitProblem) ProtocolError = waitProblem;
        ReadReport();
        lock (_gate)
        {
            var (code, problem) = _exit.Collect(_report);
            _exitCode = code;
            if (problem is not null) ProtocolError ??= problem;
        }
        ChildRegistry.Remove(this);
        _exited.Set();
    }

    /// <summary>The child has exited, so everything it reported is already in the pipe. Reads only what is
    /// available (poll with a zero timeout) so a grandchild that inherited the descriptor cannot block us.</summary>
    private unsafe void ReadReport()
    {
        using var stream = UnixPipe.Open(_controlFd, FileAccess.Read);
        try
        {
            while (true)
            {
                var fd = new Libc.PollFd { Fd = _controlFd, Events = Libc.POLLIN };
                if (Libc.poll(&fd, 1, 0) <= 0 || (fd.Revents & Libc.POLLIN) == 0) return;
                var frame = Frames.Read(stream, ControlLimits);
                if (frame is null) return;
                if (ControlProtocol.DecodeExit(frame) is not { } report) continue;
                _report = report;
                Error = report.Error;
                PeakResidentKiB = report.PeakResidentKiB;
            }
        }
        catch (Exception e) when (e is ChannelFormatError or IOException or InvalidCastException)
        {
            ProtocolError = $"the child's exit report was unreadable: {e.Message}";
        }
    }

    private static readonly ChannelLimits ControlLimits = ChannelLimits.Default with { MaxFrameBytes = 64 * 1024 };
}
