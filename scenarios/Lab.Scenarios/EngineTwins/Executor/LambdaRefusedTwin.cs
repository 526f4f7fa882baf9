using Lab.Engine;
using Lab.Scenarios.EngineTwins.Pool;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>Submits a closure, reports where it was refused, then checks the executor still runs Square(3).</summary>
public sealed class LambdaRefusedTwin : ExecutorTwin
{
    public override string Id => "executor.lambda-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var executor = new ProcessPoolExecutor(1, context);
        var offset = 1;
        var at = "none";
        try
        {
            var future = executor.Submit<int>((Func<int, int>)(x => x + offset), [1]);
            try
            {
                if (!TryResult(future, budget, out _)) return Hang("submit(lambda)", budget);
            }
            catch (Exception)
            {
                at = "result";
            }
        }
        catch (Exception)
        {
            at = "submit";
        }
        if (!TryResult(executor.Submit(PoolFunctions.Square, 3), budget, out var nine)) return Hang("Square after the lambda", budget);
        return new(Observe.Pairs(("refused", at != "none"), ("raised_at", at), ("usable_after", nine == 9)));
    }
}
