using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>SIGKILLs the one worker while it runs StartThenSleep with tasks queued; reports what the futures and a later submit raise.</summary>
public sealed class WorkerKilledTwin : ExecutorTwin
{
    public override string Id => "executor.worker-killed";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var blocking = new Blocking(context);
        var executor = blocking.Executor;
        var running = executor.Submit(ExecutorFunctions.StartThenSleep, 0);
        var futures = Enumerable.Range(0, Int(@case, "queued")).Select(i => executor.Submit(PoolFunctions.Square, i)).Prepend(running).ToList();
        if (!blocking.Started.Wait(budget)) return Hang("the task never started", budget);
        var victim = executor.WorkerPids.Single();
        using (var process = System.Diagnostics.Process.GetProcessById(victim)) process.Kill();
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        var detail = "";
        foreach (var future in futures)
        {
            try
            {
                if (!TryResult(future, budget, out _)) return Hang($"a future after worker {victim} was killed", budget);
                kinds.Add("none");
            }
            catch (Exception e)
            {
                kinds.Add(Kind(e));
                detail = Unwrap(e).Message;
            }
        }
        string after;
        try
        {
            executor.Submit(PoolFunctions.Square, 1);
            after = "accepted";
        }
        catch (Exception e)
        {
            after = Kind(e);
        }
        return new(Observe.Pairs(("futures_raised", string.Join(",", kinds)), ("submit_after", after)), detail);
    }
}
