using System.Collections;
using Lab.Engine;
using Lab.Engine.Managers;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>N children append k numbered items each through one list proxy; the parent checks the whole list.</summary>
public sealed class ConcurrentAppendsTwin : EngineTwin
{
    public override string Id => "managers.concurrent-appends";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var processes = @case.Int("processes");
        var appends = @case.Int("appends");
        using var manager = Manager.StartNew(context: context);
        using var scope = new ChildScope(context, budget);
        var list = manager.List();
        var children = Enumerable.Range(0, processes).Select(n => scope.Start(ManagerTargets.AppendMany, [list, n, appends])).ToList();
        foreach (var p in children)
            if (!scope.Join(p)) return Run.Hang("an appending child");
        var got = list.ToList().Cast<IList>().Select(x => (Convert.ToInt32(x[0]), Convert.ToInt32(x[1]))).ToList();
        var expected = Enumerable.Range(0, processes).SelectMany(n => Enumerable.Range(0, appends).Select(i => (n, i)));
        return new(Observe.Pairs(("count_ok", got.Count == processes * appends), ("each_once", got.Order().SequenceEqual(expected.Order()))),
            $"{processes} processes x {appends} appends, {got.Count} items; exit codes {string.Join(", ", children.Select(c => c.ExitCode))}");
    }
}
