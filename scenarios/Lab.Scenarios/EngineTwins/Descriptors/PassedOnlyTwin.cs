using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Descriptors;

/// <summary>Passes one end of a duplex pipe to a child, which reports which of the two ends it holds.</summary>
public sealed class PassedOnlyTwin : EngineTwin
{
    public override string Id => "descriptors.passed-only";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var (kept, passed) = Pipe.Create();
        using (kept)
        using (passed)
        {
            var (keptLink, passedLink) = (DescriptorsTargets.Link(kept.Fileno), DescriptorsTargets.Link(passed.Fileno));
            using var scope = new ChildScope(context, budget);
            var p = Run.ToEnd(scope, DescriptorsTargets.ExitWithHeldEnds, [passed, passedLink, keptLink]);
            if (p is null) return Run.Hang("the child listing its descriptors");
            var detail = $"passed {passedLink}, kept {keptLink}; child exit code {p.ExitCode}";
            return p.ExitCode is >= 20 and <= 23
                ? new(Observe.Pairs(("passed_end_open", (p.ExitCode & 1) != 0), ("kept_end_open", (p.ExitCode & 2) != 0)), detail)
                : new(Observe.Pairs(("child_exitcode", p.ExitCode)), detail);
        }
    }
}
