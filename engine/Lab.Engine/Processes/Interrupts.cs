using System.Runtime.InteropServices;
using Lab.Engine.Interop;

namespace Lab.Engine.Processes;

/// <summary>
/// The engine's cooperative KeyboardInterrupt (issue #13 §1, seeds 59.26). CPython turns SIGINT into KeyboardInterrupt,
/// raised wherever the main thread is, so a child's finally blocks run and process.py's _bootstrap exits with 1. .NET
/// cannot raise into a running thread; a process that asks for it (<see cref="CurrentProcess.HandleInterrupts"/>) gets a
/// token instead. The first SIGINT or SIGTERM cancels it; the first of the engine's blocking waits (AsyncResult, hence
/// Pool.Map and Apply; Process.Join) to see it throws <see cref="ProcessInterruptedException"/> (<see cref="Wait"/>), and a target that ends by that cancellation
/// exits with 1, as CPython's does. A second signal takes its default action (the process dies by it), so a target that
/// never looks at the token can still be stopped, as a second Ctrl-C stops most command-line tools. A process that does
/// not ask keeps the default dispositions (WorkerMain.DefaultSignalDispositions): it dies by the signal, -2 or -15.
/// </summary>
internal static class Interrupts
{
    private static readonly CancellationTokenSource Source = new();
    private static readonly object Gate = new();
    private static readonly Dictionary<int, byte[]> RuntimeDispositions = [];
    private static PosixSignalRegistration[]? _registrations;
    private static int _signal;
    private static int _delivered;

    public static CancellationToken Token => Source.Token;

    /// <summary>True once this process asked to handle SIGINT and SIGTERM.</summary>
    public static bool Handled => Volatile.Read(ref _registrations) is not null;

    /// <summary>The first signal received (Libc.SIGINT or Libc.SIGTERM), or 0.</summary>
    public static int Signal => Volatile.Read(ref _signal);

    /// <summary>Keeps the .NET runtime's handler for <paramref name="signal"/> before the worker resets it to SIG_DFL,
    /// so that <see cref="Handle"/> can put it back: a PosixSignalRegistration only tells the runtime's handler what to
    /// do, and the runtime believes its handler is still installed. Only the first call for a signal saves it.</summary>
    public static unsafe void SaveRuntimeDisposition(int signal)
    {
        lock (Gate)
        {
            if (RuntimeDispositions.ContainsKey(signal)) return;
            var saved = new byte[Libc.SigactionBufferSize];
            fixed (byte* p = saved)
                if (Libc.sigaction(signal, null, p) != 0) throw Libc.Error($"sigaction({signal})", Libc.LastErrno);
            RuntimeDispositions[signal] = saved;
        }
    }

    public static CancellationToken Handle()
    {
        lock (Gate)
        {
            if (_registrations is not null) return Token;
            foreach (var (signal, saved) in RuntimeDispositions) Restore(signal, saved);
            Volatile.Write(ref _registrations, [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            ]);
        }
        return Token;
    }

    /// <summary>
    /// A wait of the engine's (pool results, Process.Join) that the interrupt ends with ProcessInterruptedException. As
    /// CPython's KeyboardInterrupt, it is raised once: the first wait to see the signal throws, later waits (the cleanup
    /// after the interrupt: joining children, terminating a pool) wait as usual. The token stays cancelled.
    /// </summary>
    public static bool Wait(ManualResetEventSlim done, TimeSpan timeout)
    {
        if (!Handled || Volatile.Read(ref _delivered) != 0) return done.Wait(timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return done.Wait(timeout, Token);
        }
        catch (OperationCanceledException)
        {
            if (Interlocked.Exchange(ref _delivered, 1) == 0) throw Interrupted();
            // Another wait raised it: this one goes on for what is left of its timeout.
            return done.Wait(timeout == Timeout.InfiniteTimeSpan ? timeout : TimeSpan.FromTicks(Math.Max(0, (timeout - clock.Elapsed).Ticks)));
        }
    }

    /// <summary>Whether <paramref name="e"/> is this process being interrupted: the wait that observed the signal, or a
    /// target's own cancellation by the token.</summary>
    public static bool IsInterruption(Exception e) =>
        Signal != 0 && e is OperationCanceledException cancelled && (cancelled is ProcessInterruptedException || cancelled.CancellationToken == Token);

    /// <summary>The exception a wait throws when it ended because of the interrupt.</summary>
    public static ProcessInterruptedException Interrupted() => new(Signal == 0 ? Libc.SIGINT : Signal, Token);

    private static unsafe void Restore(int signal, byte[] saved)
    {
        fixed (byte* p = saved)
            if (Libc.sigaction(signal, p, null) != 0) throw Libc.Error($"sigaction({signal})", Libc.LastErrno);
    }

    /// <summary>Runs on the runtime's signal-handling thread, not in a signal handler, so it may call anything.</summary>
    private static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var number = context.Signal == PosixSignal.SIGINT ? Libc.SIGINT : Libc.SIGTERM;
        if (Interlocked.CompareExchange(ref _signal, number, 0) == 0)
        {
            Source.Cancel();
            return;
        }
        Libc.signal(number, Libc.SIG_DFL);
        Libc.kill(Environment.ProcessId, number);
    }
}
