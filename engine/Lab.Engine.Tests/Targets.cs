using Lab.Engine.Interop;
using Lab.Engine.Processes;

namespace Lab.Engine.Tests;

/// <summary>Static targets for child processes, the analogue of module-level functions (seeds 59.9). They run in
/// the worker, so they must not touch xunit.</summary>
public static class Targets
{
    public static void Noop() { }

    public static void ExitWith(int code) => throw new SystemExit(code);

    public static void ExitWithBool(bool code) => throw new SystemExit(code);

    public static void ExitWithText(string? text) => throw new SystemExit(text);

    public static void Throw(string message) => throw new InvalidOperationException(message);

    /// <summary>Writes <paramref name="path"/> only after awaiting: the file exists when the child exits only if the
    /// child waited for the target's task.</summary>
    public static async Task WriteAfterAwait(string path)
    {
        await Task.Delay(50);
        await File.WriteAllTextAsync(path, "done");
    }

    public static async Task ThrowAfterAwait(string message)
    {
        await Task.Delay(10);
        throw new InvalidOperationException(message);
    }

    public static async ValueTask ExitAfterAwait(int code)
    {
        await Task.Delay(10);
        throw new SystemExit(code);
    }

    public static async ValueTask<int> ValueAfterAwait(int value)
    {
        await Task.Delay(10);
        return value;
    }

    public static async void AsyncVoid() => await Task.Delay(10);

    public static void ParseText(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ends the process from inside the target, bypassing the worker's exit report.</summary>
    public static void EnvironmentExit(int code) => Environment.Exit(code);

    public static void Print(string stdout, string stderr)
    {
        Console.Out.Write(stdout);
        Console.Out.Flush();
        Console.Error.Write(stderr);
        Console.Error.Flush();
    }

    public static void PrintName() => Console.Out.Write(CurrentProcess.Name);

    public static void SleepForever() => Thread.Sleep(Timeout.Infinite);

    /// <summary>Tells the test it is running (its signal dispositions are final), then blocks until killed.</summary>
    public static void ReadyThenSleep(string handshake)
    {
        Handshake.Send(handshake);
        Thread.Sleep(Timeout.Infinite);
    }

    public static void Abort() => Libc.abort();

    /// <summary>
    /// A genuine invalid memory access in native code: glibc's sigemptyset writes through the pointer it is given
    /// (it only checks for NULL), so address 16 faults inside libc, outside managed code. The runtime's SIGSEGV
    /// handler turns faults in managed code into NullReferenceException, but not faults in native code.
    /// </summary>
    public static void NativeSegfault() => Libc.sigemptyset(16);

    /// <summary>A null dereference in managed code: the runtime turns this fault into a NullReferenceException.</summary>
    public static void ManagedNullRead() => System.Runtime.InteropServices.Marshal.ReadInt32(IntPtr.Zero);

    /// <summary>Reports where this process's stdout goes (the /proc/self/fd/1 link, e.g. "pipe:[1234]").</summary>
    public static void ReportStdoutTarget(string handshake) => Handshake.Send(handshake, StdoutTarget());

    public static string StdoutTarget() => new FileInfo("/proc/self/fd/1").LinkTarget ?? "?";

    public static void TakeAnything(object? value) { }

    public static void TakeIntAndText(int number, string text) { }

    public static void WithOptional(int required, int optional = 5) => throw new SystemExit(required + optional);
}

/// <summary>Targets that show what crosses the process boundary and what does not (seeds 59.2, "no shared state").</summary>
public static class IsolationTargets
{
    public static int Counter;

    /// <summary>Mutates its own copy of the argument and of the static field, and prints what it saw.</summary>
    public static void MutateAndReport(List<object?> list)
    {
        var before = Counter;
        list.Add("added by the child");
        list[0] = "replaced by the child";
        Counter = 42;
        Console.Out.Write($"count={list.Count} first={list[0]} counter_before={before} counter_after={Counter}");
    }
}

/// <summary>Targets for daemonic processes (seeds 59.10: daemon children die with their parent, have no children).</summary>
public static class DaemonTargets
{
    public static void TryStartChild()
    {
        using var child = new Process(Targets.Noop);
        child.Start();
        child.Join(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts a daemon child, reports its pid to the test, then blocks until killed.</summary>
    public static void StartDaemonThenBlock(string handshake)
    {
        var daemon = new Process(Targets.SleepForever, daemon: true);
        daemon.Start();
        Handshake.Send(handshake, daemon.Pid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Thread.Sleep(Timeout.Infinite);
    }
}

/// <summary>Methods that look like targets but cannot be looked up by name in a child.</summary>
public sealed class InstanceTargets
{
    public int Field;

    public void Run() => Field++;
}

public static class GenericTargets
{
    public static void Run<T>() { }
}

public static class GenericHolder<T>
{
    public static void Run() { }
}
