using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Targets;

namespace Lab.Engine;

/// <summary>
/// A child OS process that runs one target, with the API and the semantics of CPython's
/// multiprocessing.Process (seeds 59.10, 59.11, 59.20, 59.21): Start, Join, IsAlive, ExitCode, Pid, Name,
/// Daemon, Terminate (SIGTERM), Kill (SIGKILL), Close. Exit codes are exact: 0 on return, n for
/// SystemExit(n), 1 for an unhandled exception, -N for death by signal N.
/// </summary>
public sealed class Process : IDisposable
{
    private static int _counter;

    private readonly TargetMethod _target;
    private readonly object?[] _args;
    private readonly ProcessOutput _output;
    private Child? _child;
    private Task<string>? _stdout, _stderr;
    private bool _daemon;
    private bool _closed;

    public Process(Delegate target, object?[]? args = null, string? name = null, bool daemon = false,
        ProcessOutput output = ProcessOutput.Inherit, ProcessContext? context = null)
    {
        _target = TargetMethod.From(target);
        _args = TargetBinder.Bind(target.Method, args ?? []);
        Name = name ?? $"Process-{Interlocked.Increment(ref _counter)}";
        _daemon = daemon;
        _output = output;
        context ??= Multiprocessing.GetContext();
        StartMethod = context.StartMethod;
        Worker = AotWorker.Choose(context.Worker, _target);
    }

    public string Name { get; set; }

    public StartMethod StartMethod { get; }

    /// <summary>Must be set before Start; a daemon child is terminated when its parent exits, even by SIGKILL.</summary>
    public bool Daemon
    {
        get => _daemon;
        set
        {
            if (_child is not null) throw new ProcessStateError("process has already started");
            _daemon = value;
        }
    }

    public int? Pid { get { CheckNotClosed(); return _child?.Pid; } }

    /// <summary>Null until the child has exited and been reaped.</summary>
    public int? ExitCode { get { CheckNotClosed(); return _child?.ExitCode; } }

    public bool IsAlive { get { CheckNotClosed(); return _child is not null && _child.ExitCode is null; } }

    /// <summary>The child's unhandled exception, once it has exited (null otherwise).</summary>
    public RemoteError? Error => _child?.ExitCode is null ? null : _child.Error;

    /// <summary>Peak resident set size of the child's own address space in KiB (VmHWM, reported by the child as it
    /// exits; null if it died without reporting). Not wait4's ru_maxrss: exec keeps the pre-exec high-water mark,
    /// which for a posix_spawn'd child is the parent's (fs/exec.c, exec_mmap).</summary>
    public long? PeakResidentKiB => _child?.ExitCode is null ? null : _child.PeakResidentKiB;

    /// <summary>Captured output (with <see cref="ProcessOutput.Capture"/>), complete once the child exited.</summary>
    public string? Stdout => Captured(_stdout);

    public string? Stderr => Captured(_stderr);

    /// <summary>The executable this child runs in, decided at construction by the context's WorkerChoice, whether a Native
    /// AOT worker is configured and whether the target is compiled into it (engine/README.md, "Which worker runs a child").</summary>
    public WorkerKind Worker { get; }

    public void Start()
    {
        CheckNotClosed();
        if (_child is not null) throw new ProcessStateError("cannot start a process twice");
        if (CurrentProcess.IsDaemon) throw new ProcessStateError("daemonic processes are not allowed to have children");
        SelfWorker.CheckBootstrapped();
        // Arguments are serialized first: an unserializable one is an error before anything is created.
        var inheritance = new InheritanceWriter();
        var args = ChannelEncoder.Encode(_args, null, inheritance, "args");

        // With a systematic scheduler attached (issue #5 §3) the child gets its end of a scheduler channel at fd 5.
        var host = Scheduling.ChildScheduling.Host;
        var scheduler = host is not null ? Scheduling.ChildChannel.CreatePair() : default;
        var scheduled = scheduler.Parent is not null;
        Launched launched;
        try
        {
            launched = ChildLaunchers.For(StartMethod).Launch(new LaunchRequest(inheritance.Descriptors, _daemon, _output,
                fdBase => ControlProtocol.EncodeBootstrap(new Bootstrap(_target, args, Name, _daemon, Libc.getpid(), StartMethod, fdBase, inheritance.Descriptors.Count, scheduled)),
                scheduled ? scheduler.ChildFd : null, Worker));
        }
        catch
        {
            scheduler.Parent?.Dispose();
            UnixPipe.Close(scheduled ? scheduler.ChildFd : -1);
            throw;
        }
        _child = launched.Child;
        if (scheduled)
        {
            UnixPipe.Close(scheduler.ChildFd);
            host!.ChildStarted(this, scheduler.Parent!);
        }
        if (launched.Stdout is { } stdout) _stdout = ReadAll(stdout);
        if (launched.Stderr is { } stderr) _stderr = ReadAll(stderr);
        if (launched.Input is { } input) SendBootstrap(input, launched.Bootstrap);
    }

    /// <summary>Waits for the child to exit. Returns true if it has exited (CPython's join returns None; check
    /// ExitCode there). A timeout of zero or less polls. In a process that handles interrupts
    /// (CurrentProcess.HandleInterrupts), the first SIGINT/SIGTERM ends it with ProcessInterruptedException.</summary>
    public bool Join(TimeSpan? timeout = null)
    {
        CheckNotClosed();
        if (_child is null) throw new ProcessStateError("can only join a started process");
        return _child.WaitInterruptibly(timeout);
    }

    /// <summary>SIGTERM, as CPython's terminate(): the child's finally blocks do not run (seeds 59.21).</summary>
    public void Terminate() => SendSignal(Libc.SIGTERM);

    /// <summary>SIGINT, as CPython 3.14's interrupt(). A CPython child turns it into KeyboardInterrupt (exit code 1);
    /// an engine child dies by it (-2).</summary>
    public void Interrupt() => SendSignal(Libc.SIGINT);

    /// <summary>SIGKILL, as CPython's kill().</summary>
    public void Kill() => SendSignal(Libc.SIGKILL);

    /// <summary>Releases the process object; an error while the child is still running (CPython's close()).</summary>
    public void Close()
    {
        if (_closed) return;
        if (_child is not null && _child.ExitCode is null)
            throw new ProcessStateError("Cannot close a process while it is still running. You should first call join() or terminate().");
        _closed = true;
    }

    /// <summary>Kills and reaps a child that is still running, then closes. Unlike Close, never throws for a
    /// live child: disposing is the "leave nothing behind" path of a using block.</summary>
    public void Dispose()
    {
        if (_closed) return;
        if (_child is not null && _child.ExitCode is null)
        {
            _child.Signal(Libc.SIGKILL);
            _child.Wait(null);
        }
        _closed = true;
    }

    public override string ToString() =>
        $"<Process name='{Name}'{(_child is null ? " initial" : _child.ExitCode is { } c ? $" pid={_child.Pid} exitcode={c}" : $" pid={_child.Pid} started")}{(_daemon ? " daemon" : "")}>";

    private void SendSignal(int signal)
    {
        CheckNotClosed();
        _child?.Signal(signal);
    }

    private void CheckNotClosed()
    {
        if (_closed) throw new ProcessStateError("process object is closed");
    }

    /// <summary>A bootstrap that fits in the pipe's buffer is written at once; a larger one is written by a
    /// background task, so Start never blocks on a child that is slow to read (or died before reading: the
    /// write then fails with EPIPE and the child's exit code tells the story).</summary>
    private static void SendBootstrap(FileStream stream, byte[] bootstrap)
    {
        if (bootstrap.Length <= 60 * 1024)
        {
            WriteAndClose(stream, bootstrap);
            return;
        }
        _ = Task.Factory.StartNew(() => WriteAndClose(stream, bootstrap), TaskCreationOptions.LongRunning);
    }

    private static void WriteAndClose(FileStream stream, byte[] bootstrap)
    {
        try { Frames.Write(stream, bootstrap); }
        catch (IOException) { }
        finally { stream.Dispose(); }
    }

    private static Task<string> ReadAll(FileStream stream) => Task.Factory.StartNew(() =>
    {
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }, TaskCreationOptions.LongRunning);

    /// <summary>Output is complete at EOF, which comes when the child (and any grandchild sharing the stream)
    /// has closed it; a grandchild that lives on is not waited for longer than a few seconds.</summary>
    private string? Captured(Task<string>? task)
    {
        if (task is null || _child?.ExitCode is null) return null;
        return task.Wait(TimeSpan.FromSeconds(5)) ? task.Result : "[output still held open by a descendant process]";
    }
}
