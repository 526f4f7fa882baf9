using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lab.Engine.Interop;
using Lab.Engine.Processes;
using Lab.Engine.Serialization;
using Lab.Engine.Sharing;
using Lab.Engine.Targets;

namespace Lab.Engine.Worker;

/// <summary>
/// The child side: what Lab.Engine.Worker's Main runs. Mirrors CPython's spawn child
/// (spawn.py _main + process.py BaseProcess._bootstrap): read the bootstrap, become that process, run the
/// target, turn the outcome into an exit code, report an unhandled exception on stderr and to the parent.
/// </summary>
internal static class WorkerMain
{
    public static int Run() => Run(inheritedFdBase: null);

    /// <param name="inheritedFdBase">Where the inherited descriptors are, when the child placed them itself
    /// (a forkserver child, Forking/PreStartedWorker.cs); null: where the bootstrap says.</param>
    internal static int Run(int? inheritedFdBase)
    {
        DefaultSignalDispositions();
        // The holder is the only reference to the bootstrap: RunTarget drops it once the arguments are decoded, so that
        // their bytes can be collected while the target runs.
        if (ReadBootstrap(inheritedFdBase) is not { } holder) return 1;
        // Children this target starts must not inherit the report pipe.
        Libc.fcntl(ControlProtocol.ChildOutFd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        Become(holder.Value!);
        var (code, error) = RunTarget(holder);
        Report(code, error);
        return code;
    }

    /// <summary>Methods of their own (here and <see cref="Become"/>), so that no local of Run keeps the frame or the
    /// bootstrap alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StrongBox<Bootstrap?>? ReadBootstrap(int? inheritedFdBase)
    {
        try
        {
            using var input = UnixPipe.Open(ControlProtocol.ChildInFd, FileAccess.Read);
            var frame = Frames.Read(input) ?? throw new ChannelFormatError("the parent closed the bootstrap pipe before sending anything");
            var bootstrap = ControlProtocol.DecodeBootstrap(frame);
            return new(inheritedFdBase is { } fdBase ? bootstrap with { InheritedFdBase = fdBase } : bootstrap);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Lab.Engine.Worker: cannot read the bootstrap from the parent: {e.Message}");
            return null;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Become(Bootstrap bootstrap)
    {
        CurrentProcess.Name = bootstrap.Name;
        CurrentProcess.ParentPid = bootstrap.ParentPid;
        CurrentProcess.IsDaemon = bootstrap.Daemon;
        CurrentProcess.StartMethod = bootstrap.StartMethod;
        if (bootstrap.Daemon && bootstrap.StartMethod == StartMethod.ForkServer) Forking.ParentWatch.DieWith(bootstrap.ParentPid);
        else if (bootstrap.Daemon) DieWithParent(bootstrap.ParentPid);
    }

    /// <summary>Arguments this large leave about three times their size of dead buffers behind (the frame, its growth
    /// steps, the arguments' bytes) once decoded: worth one compacting collection that gives the memory back to the
    /// system, so a child given a large argument holds about its size (cow-memory benchmark).</summary>
    private const int LargeArgumentBytes = 4 * 1024 * 1024;

    private static (int Code, RemoteError? Error) RunTarget(StrongBox<Bootstrap?> holder)
    {
        var name = holder.Value!.Name;
        try
        {
            var (invoke, args, scheduled, argumentBytes) = DecodeTarget(holder);
            if (argumentBytes >= LargeArgumentBytes) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            // Issue #5 §3: a child started under a scheduler host asks it before every engine operation from here until
            // it exits (never detached: queue feeders flush at exit, and their writes are points too). Installed after
            // the arguments are decoded, so that start-up work runs in parallel with the other children.
            if (scheduled) Scheduling.RemoteEngineScheduler.Install(ControlProtocol.SchedulerFd);
            invoke(args);
            return (0, null);
        }
        catch (SystemExit exit)
        {
            if (exit.Text is not null) Console.Error.WriteLine(exit.Text);
            return (exit.Code, null);
        }
        catch (Exception e) when (Interrupts.IsInterruption(e))
        {
            // CPython's KeyboardInterrupt: _bootstrap prints the traceback and exits with 1; the finally blocks have run.
            var message = (e as ProcessInterruptedException ?? Interrupts.Interrupted()).Message;
            Console.Error.WriteLine($"Process {name}:");
            Console.Error.WriteLine($"KeyboardInterrupt: {message}");
            Console.Error.Flush();
            return (1, new RemoteError("KeyboardInterrupt", message, e.ToString()));
        }
        catch (Exception e)
        {
            // CPython prints "Process Name:" and the traceback, then exits with 1 (process.py, _bootstrap).
            Console.Error.WriteLine($"Process {name}:");
            Console.Error.WriteLine(e.ToString());
            Console.Error.Flush();
            return (1, new RemoteError(e.GetType().FullName ?? e.GetType().Name, e.Message, e.ToString()));
        }
    }

    /// <summary>Resolves the target (compiled-in table or reflection: TargetCalls) and decodes its arguments, then drops the
    /// bootstrap (its argument bytes) from the holder.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Func<object?[], object?> Invoke, object?[] Args, bool Scheduled, int ArgumentBytes) DecodeTarget(StrongBox<Bootstrap?> holder)
    {
        var bootstrap = holder.Value!;
        var invoke = TargetCalls.Resolve(bootstrap.Target);
        var inherited = new InheritanceReader(bootstrap.InheritedFdBase, bootstrap.InheritedFdCount);
        var decoded = (object?[])ChannelDecoder.Decode(bootstrap.Args, null, inherited)!;
        holder.Value = null;
        return (invoke, decoded, bootstrap.Scheduled, bootstrap.Args.Length);
    }

    private static void Report(int code, RemoteError? error)
    {
        try
        {
            using var output = UnixPipe.Open(ControlProtocol.ChildOutFd, FileAccess.Write);
            Frames.Write(output, ControlProtocol.EncodeExit(new ExitReport(code, error, PeakResidentKiB())));
        }
        catch (IOException)
        {
            // The parent is gone; the exit code still tells the outcome to whoever reaps us.
        }
    }

    /// <summary>VmHWM of /proc/self/status: the peak resident set of this process's address space, in KiB.</summary>
    private static long? PeakResidentKiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
        }
        catch (Exception e) when (e is IOException or FormatException) { }
        return null;
    }

    /// <summary>
    /// SIGTERM, SIGINT and SIGQUIT kill the worker, so the parent reads -15, -2, -3 as with a CPython child,
    /// instead of the .NET runtime's graceful shutdown (which exits with a code). A registration is made
    /// first because it initialises the runtime's signal handling, which would otherwise install its
    /// handlers later, over the defaults set here. The runtime's SIGINT and SIGTERM handlers are kept for a target
    /// that asks to handle them (CurrentProcess.HandleInterrupts).
    /// </summary>
    internal static void DefaultSignalDispositions()
    {
        using (PosixSignalRegistration.Create(PosixSignal.SIGCONT, _ => { })) { }
        Interrupts.SaveRuntimeDisposition(Libc.SIGINT);
        Interrupts.SaveRuntimeDisposition(Libc.SIGTERM);
        foreach (var sig in new[] { Libc.SIGTERM, Libc.SIGINT, Libc.SIGQUIT })
            Libc.signal(sig, Libc.SIG_DFL);
    }

    /// <summary>A daemon dies with its parent even if the parent is killed outright (PR_SET_PDEATHSIG). The
    /// parent may have died before the prctl took effect: then the kernel parent is no longer it.</summary>
    private static void DieWithParent(int parentPid)
    {
        Libc.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL, 0, 0, 0);
        if (CurrentProcess.KernelParentPid != parentPid)
            Libc.kill(Environment.ProcessId, Libc.SIGKILL);
    }
}
