using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Systematic;

/// <summary>
/// A scenario whose check is a systematic exploration (issue #5 §5: "systematic scenarios also run in `lab run` and in
/// the test suite with small budgets; big budgets belong to nightly runs"). It has no Python twin: the subject is the
/// lab's own controlled scheduler, and it does not depend on a start method, so its engine twin
/// (EngineTwins/Systematic/SystematicTwin.cs) runs once, under spawn.
/// </summary>
public abstract class SystematicScenario : Scenario
{
    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Python ? "engine-only scenario: it explores the lab's own controlled scheduler, which runs in .NET only" : null;

    public override TimeSpan Budget => TimeSpan.FromSeconds(120);
}
