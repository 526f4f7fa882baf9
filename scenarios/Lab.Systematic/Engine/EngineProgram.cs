using Lab.Systematic.Exploration;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// A program that runs the engine's own coordination code under the controlled scheduler (issue #5 §2). Its shared
/// memory is the engine's real memfd objects, used by several controlled operations of this process ("simulated shared
/// memory"). <see cref="Expected"/> is null for a correct program; <see cref="Budget"/> is the number of portfolio
/// iterations within which the tests require a seeded bug to be found (`lab explore` itself runs 1,000 by default for
/// programs outside the corpus); <see cref="DfsBound"/> is the preemption bound under which the tests explore a correct
/// program exhaustively.
/// </summary>
public sealed record EngineProgram(string Name, string Description, BugKind? Expected, int Budget, int DfsBound, Action<ControlledRuntime> Body)
{
    /// <summary>The program as the explorer runs it: the adapter is installed first (once per process).</summary>
    public SystematicProgram Program { get; } = new(Name, rt =>
    {
        EngineSchedulerAdapter.Install();
        Body(rt);
    });
}
