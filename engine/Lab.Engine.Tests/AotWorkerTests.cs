using Lab.Engine.Forking;
using Lab.Engine.Managers;
using Lab.Engine.Processes;
using Lab.Engine.Queues;
using Lab.Engine.Targets;
using Lab.Engine.TestTargets;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>
/// Children on the Native AOT worker (issue #11): the lab's AOT host (scenarios/Lab.Scenarios.Worker.Aot, which compiles
/// in Lab.Engine.Tests.Targets) runs targets, pools, executors, managers and forkserver children, and the rule of engine/README.md
/// ("Which worker runs a child") picks it. The host is published by ./run-all.sh, which names it in LAB_AOT_WORKER_HOST
/// (these tests give it to Multiprocessing.SetAotWorker); without it they are skipped, saying so. Each child's executable is read from /proc/PID/exe, not taken on trust.
/// </summary>
public sealed class AotWorkerTests
{
    private static readonly string? Host = Environment.GetEnvironmentVariable("LAB_AOT_WORKER_HOST") is { Length: > 0 } path && File.Exists(path)
        ? Path.GetFullPath(path)
        : null;

    private static ProcessContext Aot(StartMethod method = StartMethod.Spawn)
    {
        Skip.If(Host is null, "no Native AOT worker host: ./run-all.sh test publishes scenarios/Lab.Scenarios.Worker.Aot (clang and zlib1g-dev needed) and sets LAB_AOT_WORKER_HOST");
        Multiprocessing.SetAotWorker(Host);
        return Multiprocessing.GetContext(method, WorkerChoice.Aot);
    }

    private static string Executable(int pid) => File.ResolveLinkTarget($"/proc/{pid}/exe", returnFinalTarget: false)?.FullName ?? "";

    [SkippableTheory]
    [InlineData(StartMethod.Spawn)]
    [InlineData(StartMethod.ForkServer)]
    public void Target_runs_on_the_aot_host_with_arguments_and_output(StartMethod method)
    {
        var context = Aot(method);
        using var process = context.Process(AotTargets.Echo, ["hello", 2], output: ProcessOutput.Capture);
        Assert.Equal(WorkerKind.Aot, process.Worker);
        process.RunToEnd();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("hello\nhello\n", process.Stdout);
    }

    [SkippableFact]
    public void Exit_codes_and_errors_are_those_of_the_jit_worker()
    {
        var context = Aot();
        using var exits = context.Process(AotTargets.ExitWith, [3]).RunToEnd();
        Assert.Equal(3, exits.ExitCode);
        using var fails = context.Process(AotTargets.Fail, ["broken on purpose"], output: ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, fails.ExitCode);
        Assert.Equal("System.InvalidOperationException", fails.Error?.Type);
        Assert.Equal("broken on purpose", fails.Error?.Message);
    }

    [SkippableFact]
    public void Child_is_the_aot_binary_and_an_async_target_is_awaited()
    {
        var context = Aot();
        using var queue = new ProcessQueue();
        using var process = context.Process(AotTargets.PutLater, [queue, "after await"], output: ProcessOutput.Capture);
        process.Start();
        var exe = Executable(process.Pid!.Value);
        process.JoinOrFail();
        Assert.True(process.ExitCode == 0, process.Stderr);
        Assert.Equal("after await", queue.Get(timeout: Limits.Join));
        Assert.Equal(Host, exe);
    }

    [SkippableFact]
    public void An_aot_child_starts_aot_children_of_its_own()
    {
        var context = Aot();
        using var queue = new ProcessQueue();
        using var process = context.Process(AotTargets.StartGrandchild, [queue, 5], output: ProcessOutput.Capture).RunToEnd();
        Assert.True(process.ExitCode == 0, process.Stderr);
        Assert.Equal("aot:Aot:5", queue.Get(timeout: Limits.Join));
    }

    [SkippableFact]
    public void Auto_gives_the_aot_worker_only_to_compiled_in_targets_and_aot_refuses_the_rest()
    {
        Aot();
        var auto = Multiprocessing.GetContext(StartMethod.Spawn);
        using var compiled = auto.Process(AotTargets.NoOp);
        Assert.Equal(WorkerKind.Aot, compiled.Worker);
        using var unmarked = auto.Process(AotTargets.Unmarked).RunToEnd();
        Assert.Equal(WorkerKind.Jit, unmarked.Worker);
        Assert.Equal(0, unmarked.ExitCode);
        var refused = Assert.Throws<InvalidTargetError>(() => Multiprocessing.GetContext(StartMethod.Spawn, WorkerChoice.Aot).Process(AotTargets.Unmarked));
        Assert.Contains("[ProcessTarget]", refused.Message);
        using var jit = Multiprocessing.GetContext(StartMethod.Spawn, WorkerChoice.Jit).Process(AotTargets.NoOp);
        Assert.Equal(WorkerKind.Jit, jit.Worker);
    }

    [SkippableFact]
    public void Pool_on_the_aot_worker_maps_with_the_typed_runner_and_refuses_functions_not_compiled_in()
    {
        var context = Aot();
        using var pool = context.Pool(2);
        Assert.Equal(WorkerKind.Aot, pool.Worker);
        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * x), pool.Map<int, int>(AotTargets.Square, Enumerable.Range(0, 50), chunksize: 10));
        Assert.All(pool.Map<int, string>(AotTargets.Runtime, Enumerable.Range(0, 4), chunksize: 1), r => Assert.Equal("aot", r));
        Assert.All(pool.WorkerPids, pid => Assert.Equal(Host, Executable(pid)));
        var refused = Assert.Throws<InvalidTargetError>(() => pool.Map<int, int>(Functions.Twice, [1]));
        Assert.Contains("not compiled into the pool's Native AOT workers", refused.Message);
        Assert.Equal([4], pool.Map<int, int>(AotTargets.Square, [2]));
        using var autoPool = Multiprocessing.GetContext(StartMethod.Spawn).Pool(1);
        Assert.Equal(WorkerKind.Jit, autoPool.Worker);
    }

    [SkippableFact]
    public void Executor_and_manager_run_on_the_aot_worker()
    {
        var context = Aot();
        using (var executor = new ProcessPoolExecutor(1, context))
        {
            Assert.Equal(WorkerKind.Aot, executor.Worker);
            Assert.Equal(49, executor.Submit<int, int>(AotTargets.Square, 7).Result);
        }
        using var manager = new Manager(context: context);
        manager.Start();
        Assert.Equal(Host, Executable(manager.Pid!.Value));
        var list = manager.List();
        list.Append("x");
        Assert.Equal(1, list.Count);
    }

    [SkippableFact]
    public void Forkserver_hands_over_from_a_stock_of_aot_workers()
    {
        var context = Aot(StartMethod.ForkServer);
        using var process = context.Process(AotTargets.ExitWith, [4]).RunToEnd();
        Assert.Equal(4, process.ExitCode);
        var server = ForkServer.ServerPidOf(WorkerKind.Aot);
        Assert.NotNull(server);
        Assert.Equal(Host, Executable(server.Value));
    }
}

/// <summary>A pool function that is not compiled into the AOT host.</summary>
public static class Functions
{
    public static int Twice(int x) => 2 * x;
}
