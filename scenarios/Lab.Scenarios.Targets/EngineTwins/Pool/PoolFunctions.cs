using Lab.Engine;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>
/// Task functions and initializers of the pool twins (they run in engine workers): static methods (TargetMethod rules), the same fixed set
/// as the CPython twins (scenarios/cpython/twins/pool.py): square, negate, mod7, raise13 (an ArgumentException,
/// the engine's ValueError, "multiple of 13: x" for x != 0 divisible by 13), add, sub.
/// </summary>
public static class PoolFunctions
{
    [ProcessTarget]
    public static int Square(int x) => x * x;

    [ProcessTarget]
    public static int Negate(int x) => -x;

    /// <summary>Python's modulo (the result has the divisor's sign), so negative inputs agree with the twin.</summary>
    [ProcessTarget]
    public static int Mod7(int x) => ((x % 7) + 7) % 7;

    [ProcessTarget]
    public static int Raise13(int x) =>
        x != 0 && x % 13 == 0 ? throw new ArgumentException($"multiple of 13: {x}") : x;

    [ProcessTarget]
    public static int Add(int a, int b) => a + b;

    [ProcessTarget]
    public static int Sub(int a, int b) => a - b;

    public static Func<int, int> Function(string name) => name switch
    {
        "square" => Square,
        "negate" => Negate,
        "mod7" => Mod7,
        "raise13" => Raise13,
        _ => throw new ArgumentException($"unknown pool function '{name}' (square, negate, mod7, raise13)"),
    };

    public static Func<int, int, int> StarFunction(string name) => name switch
    {
        "add" => Add,
        "sub" => Sub,
        _ => throw new ArgumentException($"unknown pool star function '{name}' (add, sub)"),
    };

    [ProcessTarget]
    public static int GetPid(int _) => Environment.ProcessId;

    /// <summary>With maxTasksPerChild = 1 every chunk runs in a fresh worker, so runs of equal pids are the chunks.</summary>
    [ProcessTarget]
    public static int PidOfTask(int _) => Environment.ProcessId;

    // Worker-side state set by the initializer (one copy per worker process).
    private static string? _directory;
    private static int _initRuns;

    /// <summary>Initializer: counts its runs in this worker and leaves one file per run in <paramref name="directory"/>.</summary>
    [ProcessTarget]
    public static void InitRecord(string directory)
    {
        _directory = directory;
        _initRuns++;
        File.WriteAllText(Path.Combine(directory, $"init-{Environment.ProcessId}-{_initRuns}"), "x");
    }

    [ProcessTarget]
    public static int InitCount(int _) => _initRuns;

    /// <summary>Leaves a file per task run (the parent counts side effects), then applies raise13.</summary>
    [ProcessTarget]
    public static int RecordThenRaise13(int x)
    {
        File.WriteAllText(Path.Combine(Directory(), $"task-{x}"), "x");
        return Raise13(x);
    }

    /// <summary>Announces that this worker runs a task (a file named by its pid), then blocks: the parent kills it.
    /// The block is bounded; the pool's terminate ends it long before.</summary>
    [ProcessTarget]
    public static int AnnounceThenBlock(int x)
    {
        File.WriteAllText(Path.Combine(Directory(), $"started-{Environment.ProcessId}"), x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Thread.Sleep(TimeSpan.FromSeconds(120));
        return x;
    }

    [ProcessTarget]
    public static void InitFails() => throw new InvalidOperationException("lab initializer failed");

    /// <summary>A result outside the serialization channel's closed tag set.</summary>
    [ProcessTarget]
    public static object ReturnUnserializable(int _) => new Uri("lab://not-serializable");

    private static string Directory() => _directory ?? throw new InvalidOperationException("the pool initializer did not run in this worker");
}
