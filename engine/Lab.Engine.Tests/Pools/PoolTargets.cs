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

    /// <summary>Fails for negative items (the message names the item), doubles the others.</summary>
    public static int FailOnNegative(int x) => x < 0 ? throw new InvalidOperationException($"negative {x}") : 2 * x;

    /// <summary>Returns 1 once <paramref name="path"/> exists (the test creates it), 0 if it never does within the bound.</summary>
    public static int WaitForFile(string path)
    {
        var deadline = DateTime.UtcNow + Limits.Join;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline) return 0;
            Thread.Sleep(5);
        }
        return 1;
    }

    public static int SystemExitWith(int code) => throw new Lab.Engine.Processes.SystemExit(code);

    public static int ArgumentOutOfRange(int x) => throw new ArgumentOutOfRangeException(nameof(x), x, "x must be small");

    public static int ArgumentNull(int x) => throw new ArgumentNullException("name", $"name is required for {x}");

    public static int Disposed(int x) => throw new ObjectDisposedException("the-resource", $"gone {x}");

    public static int ParseText(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<int> SquareLater(int x)
    {
        await Task.Yield();
        await Task.Delay(1);
        return x * x;
    }

    public static async Task<int> FailLater(int x)
    {
        await Task.Delay(1);
        throw new InvalidOperationException($"late failure {x}");
    }

    public static async ValueTask<string> ShowLater(int x)
    {
        await Task.Delay(1);
        return $"<{x}>";
    }

    public static async Task InitLater(string dir)
    {
        await Task.Delay(1);
        File.WriteAllText(Path.Combine(dir, $"init-{Environment.ProcessId}"), "");
    }

    /// <summary>
    /// A hostile task (issue #10 §2): writes its own Error frame for the pool's first chunk on the worker's channel,
    /// naming <paramref name="typeName"/>, then ends the worker so that no genuine answer follows. The channel is the
    /// worker's only socket (its pipes to the parent are pipes).
    /// </summary>
    public static int ForgeError(string typeName)
    {
        var socket = Directory.GetFiles("/proc/self/fd")
            .Select(path => (Fd: int.Parse(Path.GetFileName(path), System.Globalization.CultureInfo.InvariantCulture), Link: new FileInfo(path).LinkTarget))
            .Single(f => f.Link is not null && f.Link.StartsWith("socket:", StringComparison.Ordinal)).Fd;
        var payload = Lab.Engine.Serialization.ChannelEncoder.Encode(new object?[]
            { 13, 1L, typeName, "forged message", "forged traceback", new Dictionary<string, object?>() });
        var frame = new byte[4 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        using (var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(socket, ownsHandle: false), FileAccess.Write))
            stream.Write(frame);
        Environment.Exit(0);
        return 0;
    }

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
