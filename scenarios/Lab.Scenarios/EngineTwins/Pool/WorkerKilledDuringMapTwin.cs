using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>SIGKILLs (or SIGTERMs) a worker that runs a task of a map and reports the map's error (pid named, exit code).</summary>
public sealed class WorkerKilledDuringMapTwin : PoolTwin
{
    public override string Id => "pool.worker-killed-during-map";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var directory = TempDirectory("kill");
        try
        {
            var processes = Int(@case, "processes");
            using var pool = new Engine.Pool(processes, (Action<string>)PoolFunctions.InitRecord, [directory.FullName], context: context);
            var result = pool.MapAsync<int, int>(PoolFunctions.AnnounceThenBlock, Enumerable.Range(0, processes * 2), 1);
            var signal = @case.Params.GetValueOrDefault("signal") as string == "SIGTERM" ? Engine.Interop.Libc.SIGTERM : Engine.Interop.Libc.SIGKILL;
            return KillAndObserve(directory, result, budget, signal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Waits (bounded) for a worker's announcement, sends that worker <paramref name="signal"/>, and observes the
    /// map's outcome. Shared with the worker-kill property's input twin (pool.worker-kill-case).</summary>
    internal static Observation KillAndObserve(DirectoryInfo directory, AsyncResult<List<int>> result, TimeSpan budget, int signal = Engine.Interop.Libc.SIGKILL)
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
        // The victim is a worker of a pool in this process, not yet reaped (the supervisor reaps it): its pid is its own.
        Engine.Interop.Libc.kill(victim.Value, signal);
        try
        {
            var left = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            if (!TryGet(result, left, out _)) return Hang($"map after worker {victim} was killed", left);
            return new(Observe.Pairs(("raised", "none")), "map finished despite the kill");
        }
        catch (Exception e)
        {
            var error = Unwrap(e);
            if (error is not BrokenPoolError broken) return new(Observe.Pairs(("raised", Kind(e))), error.Message);
            return new(Observe.Pairs(("raised", "broken_pool"), ("names_pid", broken.Pid == victim && broken.Message.Contains(victim.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                ("exit_code", broken.ExitCode)), broken.Message);
        }
    }
}
