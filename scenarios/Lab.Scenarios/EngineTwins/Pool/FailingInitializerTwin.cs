using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Applies a task on a one-worker pool whose initializer raises, and reports the error (or the result).</summary>
public sealed class FailingInitializerTwin : PoolTwin
{
    public override string Id => "pool.failing-initializer";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var pool = new Engine.Pool(1, (Action)PoolFunctions.InitFails, context: context);
        try
        {
            if (!TryGet(pool.ApplyAsync<int>((Func<int, int>)PoolFunctions.Square, [3]), budget, out var value))
                return Hang("apply on a pool whose initializer fails", budget);
            return new(Observe.Pairs(("result", value)), "the task ran");
        }
        catch (Exception e)
        {
            var text = Unwrap(e).Message;
            return new(Observe.Pairs(("raised", Kind(e)), ("names_initializer", text.Contains(nameof(PoolFunctions.InitFails), StringComparison.Ordinal))), text);
        }
    }
}
