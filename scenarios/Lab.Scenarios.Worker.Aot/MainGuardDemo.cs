using Lab.Engine;

namespace Lab.Scenarios.Worker.Aot;

/// <summary>
/// The host as an application that starts a child of itself: scenario start-methods.main-guard (engine-aot twin,
/// EngineTwins/StartMethods/MainGuardTwin.cs), the engine's side of CPython's unguarded and guarded scripts. With
/// LAB_MAIN_GUARD_DEMO=unguarded, Program.cs runs <see cref="Run"/> before the guard, as a script's top level runs on
/// import; the variable is inherited, so a child re-executing the binary does the same and the engine must refuse its
/// start ("bootstrapping phase"). With "guarded" it runs after the guard, as under <c>if __name__ == "__main__":</c>.
/// </summary>
internal static class MainGuardDemo
{
    public const string Variable = "LAB_MAIN_GUARD_DEMO";
    public const string MethodVariable = "LAB_MAIN_GUARD_METHOD";

    /// <summary>The child: says which binary it runs in (the application's own, when it is its own worker).</summary>
    [ProcessTarget]
    internal static void Worker() => Console.WriteLine($"main-guard demo child in {Environment.ProcessPath}");

    /// <summary>Starts one child of this application and joins it. An exception ends it with exit code 1 after printing
    /// it, as an uncaught exception ends a Python script (a .NET one would abort the process).</summary>
    public static int Run()
    {
        try
        {
            var method = StartMethods.Parse(Environment.GetEnvironmentVariable(MethodVariable) ?? "spawn");
            using var child = Multiprocessing.GetContext(method).Process(Worker);
            child.Start();
            if (!child.Join(TimeSpan.FromSeconds(20))) child.Kill();
            child.Join(TimeSpan.FromSeconds(10));
            Console.WriteLine($"main-guard demo ({Environment.GetEnvironmentVariable(Variable)}): child exitcode {child.ExitCode}");
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"main-guard demo: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}
