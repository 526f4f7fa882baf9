using Lab.Scenarios.Areas.ExitCodes;
using Lab.Scenarios.Areas.Isolation;
using Lab.Scenarios.Areas.Pickling;
using Lab.Scenarios.Areas.StartMethods;
using Lab.Scenarios.Areas.Termination;

namespace Lab.Scenarios.Model;

/// <summary>Every scenario of the lab, in a stable order (area, then id).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } = new Scenario[]
    {
        new MutationInvisibleScenario(),
        new DifferentialMutationScenario(),
        new GlobalInvisibleScenario(),
        new ReturnScenario(),
        new ExplicitExitScenario(),
        new ExitCodePropertyScenario(),
        new DifferentialExitCodeScenario(),
        new UnhandledExceptionScenario(),
        new SignalScenario(),
        new Exit137VersusSigkillScenario(),
        new SystemExitValuesScenario(),
        new TerminateSkipsFinallyScenario(),
        new CooperativeShutdownScenario(),
        new JoinTimeoutScenario(),
        new DaemonDiesWithParentScenario(),
        new DaemonCannotHaveChildrenScenario(),
        new ClosureTargetRefusedScenario(),
        new UnserializableArgumentScenario(),
        new AvailableScenario(),
        new DefaultScenario(),
        new ForkRefusedScenario(),
        new ForkCrashDemoScenario(),
        new ChildSeesParentStateScenario(),
        new RandomAfterStartScenario(),
        new MainGuardScenario(),
    }.OrderBy(s => s.Area, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> Areas => All.Select(s => s.Area).Distinct().ToArray();

    public static Scenario? Find(string id) => All.FirstOrDefault(s => s.Id == id);
}
