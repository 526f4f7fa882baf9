using Lab.Engine.Diagnostics;
using Lab.Engine.Queues;

namespace Lab.Engine.Tests.Pools;

/// <summary>Pool functions: static methods, as targets must be.</summary>
public static class PoolTargets
{
    private static ProcessQueue? _started;
    private static int _initCount;

    public static int Square(int x) => x * x;

    public static int HashOf(object o) => o.GetHashCode();

    public static int Negate(int x) => -x;

    /// <summary>Returns the bytes reversed, so the result differs from the argument.</summary>
    public static byte[] Reverse(byte[] data)
    {
        var copy = (byte[])data.Clone();
        Array.Reverse(copy);
        return copy;
    }

    public static long Widen(int x) => (long)x * int.MaxValue;

    public static double Half(int x) => x / 2.0;

    public static string Show(int x) => $"<{x}>";

    public static int Add(int a, int b) => a + b;

    public static string Join3(string a, int b, bool c) => $"{a}{b}{c}";

    public static int Pid(int _) => Environment.ProcessId;

    public static int FailOnThree(int x) => x == 3 ? throw new InvalidOperationException($"three is not allowed (got {x})") : x;

    public static int Never() => throw new NotSupportedException("no way");

    public static int CustomFailure(int x) => throw new NoStringConstructorError(x);

    /// <summary>Returns a value the channel cannot carry when asked to.</summary>
    public static object? MaybeUnserializable(int x) => x == 1 ? new System.Text.StringBuilder("not a channel type") : (object)x;

    /// <summary>Writes a marker file, then fails for item 0: a Map over it must not raise before every marker exists.</summary>
    public static int MarkThenFailOnZero(string dir, int x)
    {
        File.WriteAllText(Path.Combine(dir, $"item-{x}"), "");
        if (x == 0) throw new ArgumentException("item zero fails");
        return x;
    }

    /// <summary>Records that the initializer ran in this process (one file per run).</summary>
    public static void RecordInit(string dir)
    {
        _initCount++;
        File.WriteAllText(Path.Combine(dir, $"init-{Environment.ProcessId}-{_initCount}"), "");
    }

    public static int InitCountHere(int _) => _initCount;

    public static void FailingInit(int code) => throw new InvalidOperationException($"initializer refuses ({code})");

    public static void KeepQueue(ProcessQueue started) => _started = started;

    /// <summary>Announces its pid on the queue given to the initializer, then stays busy (bounded) until killed.</summary>
    public static int AnnounceAndHang(int x)
    {
        _started!.Put(Environment.ProcessId);
        Thread.Sleep(Limits.Join);
        return x;
    }

    public static int ExitWith(int code)
    {
        Environment.Exit(code);
        return code;
    }

    public static int Segfault(int _)
    {
        Faults.Segfault();
        return 0;
    }
}

/// <summary>An exception type the parent cannot re-create (no (string) constructor).</summary>
public sealed class NoStringConstructorError(int value) : Exception($"custom failure {value}");
