using Lab.Engine.Synchronization;

namespace Lab.Engine.Tests.Executors;

/// <summary>Functions the executor tests run in workers (static methods: the target rule). The events reach the
/// workers through the initializer's arguments (inherited, as CPython passes synchronization objects by inheritance).</summary>
public static class ExecutorTargets
{
    private static ProcessEvent? _started;
    private static ProcessEvent? _release;

    public static int Square(int x) => x * x;

    public static string Show(int x) => $"<{x}>";

    public static int Pid(int _) => Environment.ProcessId;

    public static int FailOnThree(int x) => x == 3 ? throw new InvalidOperationException($"three is not allowed (got {x})") : x;

    public static async Task<int> SquareLater(int x)
    {
        await Task.Yield();
        return x * x;
    }

    public static void KeepEvents(ProcessEvent started, ProcessEvent release) => (_started, _release) = (started, release);

    /// <summary>Says it is running (sets <c>started</c>), then waits (bounded) for <c>release</c>.</summary>
    public static int Block(int x)
    {
        _started!.Set();
        _release!.Wait(Limits.Join);
        return x;
    }
}
