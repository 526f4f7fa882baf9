using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>Builds pools with 0 and -1 workers and with maxTasksPerChild 0, and reports each refusal's message.</summary>
public sealed class BadArgumentsTwin : PoolTwin
{
    public override string Id => "pool.bad-arguments";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget) =>
        new(Observe.Pairs(
            ("processes_0", Refusal(() => new Engine.Pool(0, context: context).Dispose())),
            ("processes_negative", Refusal(() => new Engine.Pool(-1, context: context).Dispose())),
            ("maxtasksperchild_0", Refusal(() => new Engine.Pool(1, maxTasksPerChild: 0, context: context).Dispose()))));
}
