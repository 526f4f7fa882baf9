using Lab.Engine.Processes;
using Lab.Engine.Queues;

namespace Lab.Engine.TestTargets;

/// <summary>Targets the AOT worker tests (Lab.Engine.Tests/AotWorkerTests.cs) run on both worker kinds.</summary>
public static class AotTargets
{
    [ProcessTarget]
    public static void NoOp() { }

    [ProcessTarget]
    public static void Echo(string text, int times)
    {
        for (var i = 0; i < times; i++) Console.WriteLine(text);
    }

    [ProcessTarget]
    public static void ExitWith(int code) => throw new SystemExit(code);

    [ProcessTarget]
    public static void Fail(string message) => throw new InvalidOperationException(message);

    [ProcessTarget]
    public static async Task PutLater(ProcessQueue queue, string item)
    {
        await Task.Yield();
        queue.Put(item);
    }

    /// <summary>Reports the worker it runs in, then starts a child of its own and reports that child's worker and exit code.</summary>
    [ProcessTarget]
    public static void StartGrandchild(ProcessQueue queue, int code)
    {
        using var child = new Process(ExitWith, [code], context: Multiprocessing.GetContext(CurrentProcess.StartMethod ?? StartMethod.Spawn));
        child.Start();
        child.Join();
        queue.Put($"{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "jit" : "aot")}:{child.Worker}:{child.ExitCode}");
    }

    /// <summary>Which runtime the calling process runs on ("aot" or "jit"), as a pool function.</summary>
    [ProcessTarget]
    public static string Runtime(int _) => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "jit" : "aot";

    [ProcessTarget]
    public static int Square(int x) => x * x;

    /// <summary>Not marked: runs on the JIT worker only.</summary>
    public static void Unmarked() { }
}
