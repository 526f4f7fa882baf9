using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// A worker is SIGKILLed while it runs a task of a map (it announces the task through a file named by its pid, then
/// blocks). CPython loses that task's result and map waits for ever (bpo-22393, gh-96062): the twin observes
/// <c>outcome=blocked</c> after <c>wait</c> seconds. The engine notices the death and fails the map with a broken-pool error
/// naming the pid and exit code -9.
/// </summary>
public sealed class WorkerKilledDuringMapScenario : PoolScenario
{
    public override string Id => "pool.worker-killed-during-map";
    public override string Rule => "If a worker dies while tasks are pending, map fails with a broken-pool error naming the worker's pid and exit code; it never hangs.";
    public override string Source => base.Source + "; cpython #96062, bpo-22393 (Pool hangs when a worker is killed)";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [new("2 workers, SIGKILL one mid-task", P(("processes", 2), ("wait", 5.0)), "raised=broken_pool;names_pid=true;exit_code=-9")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => PoolObserve.Blocked;

    public override string IntendedDivergence =>
        "CPython's Pool does not notice a worker killed mid-task: the lost task's result never comes and map() blocks for ever " +
        "(bpo-22393, cpython #96062; concurrent.futures' ProcessPoolExecutor raises BrokenProcessPool instead). The engine watches " +
        "its workers (pidfd) and fails the pending results with a BrokenPoolError naming the pid and exit code.";

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = PoolObserve.TempDirectory("kill");
        try
        {
            var processes = Int(@case, "processes");
            using var pool = new Engine.Pool(processes, (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context);
            var result = pool.MapAsync<int, int>(PoolFunctions.AnnounceThenBlock, Enumerable.Range(0, processes * 2), 1);
            return KillAndObserve(directory, result, budget);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Waits (bounded) for a worker's announcement, SIGKILLs that worker, and observes the map's outcome.
    /// Shared with the worker-kill property.</summary>
    internal static Observation KillAndObserve(DirectoryInfo directory, AsyncResult<List<int>> result, TimeSpan budget)
    {
        var deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;
        int? victim = null;
        // The announcement is a file the worker writes; polled with a deadline (the worker cannot signal otherwise
        // without a channel of its own, and the file keeps the twin and the engine alike).
        while (victim is null)
        {
            var started = directory.GetFiles("started-*");
            if (started.Length > 0) victim = int.Parse(started[0].Name["started-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            else if (Environment.TickCount64 > deadline) return new(Observation.Hang, "no worker announced a task");
            else Thread.Sleep(5);
        }
        using (var process = System.Diagnostics.Process.GetProcessById(victim.Value))
            process.Kill(); // SIGKILL on Linux
        try
        {
            var left = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            if (!PoolObserve.TryGet(result, left, out _)) return PoolObserve.Hang($"map after worker {victim} was killed", left);
            return new(Observe.Pairs(("raised", "none")), "map finished despite the kill");
        }
        catch (Exception e)
        {
            var error = PoolObserve.Unwrap(e);
            if (error is not BrokenPoolError broken) return new(Observe.Pairs(("raised", PoolObserve.Kind(e))), error.Message);
            return new(Observe.Pairs(("raised", "broken_pool"), ("names_pid", broken.Pid == victim && broken.Message.Contains(victim.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                ("exit_code", broken.ExitCode)), broken.Message);
        }
    }
}
