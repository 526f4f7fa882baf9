using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>Submits Raise13(13) and reports the future's error, its message and whether it carries the remote traceback.</summary>
public sealed class TaskExceptionTwin : ExecutorTwin
{
    public override string Id => "executor.task-exception";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var executor = new ProcessPoolExecutor(1, context);
        try
        {
            if (!TryResult(executor.Submit(PoolFunctions.Raise13, 13), budget, out _)) return Hang("submit(Raise13, 13)", budget);
            return new(Observe.Pairs(("raised", "none"), ("message", ""), ("remote_traceback", false)));
        }
        catch (Exception e)
        {
            return new(Observe.Pairs(("raised", Kind(e)), ("message", Message(e)), ("remote_traceback", Unwrap(e).InnerException is Engine.RemoteTaskError)));
        }
    }
}
