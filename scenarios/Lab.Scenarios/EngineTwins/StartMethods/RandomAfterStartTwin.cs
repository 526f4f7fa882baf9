using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>Two children each report three draws from the shared generator and from a static one; the parent compares them.</summary>
public sealed class RandomAfterStartTwin : EngineTwin
{
    public override string Id => "start-methods.random-after-fork";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var rendezvous = Rendezvous.Create();
        var lines = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var p = scope.Start(StartMethodTargets.ReportDraws, [rendezvous.Path]);
            using var peer = rendezvous.Accept(scope.Remaining, out var line);
            if (peer is null || line is null || !scope.Join(p)) return Run.Hang("a child's draws");
            lines.Add(line);
        }
        var a = lines[0].Split(' ');
        var b = lines[1].Split(' ');
        return new(Observe.Pairs(("global_random_same", a[0] == b[0]), ("own_generator_same", a[1] == b[1])), string.Join(" | ", lines));
    }
}
