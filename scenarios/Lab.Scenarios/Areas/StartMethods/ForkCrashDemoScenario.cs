using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

/// <summary>
/// The finding behind "the engine has no fork". A sacrificial engine child calls fork() and lets its forked
/// copy run managed code. What this lab observed on .NET 10: the forked copy runs, and it is the *forking*
/// process that then dies by SIGSEGV; with DOTNET_EnableWriteXorExecute=0 both survive. The runtime's W^X
/// scheme maps JIT'd code through shared memory, so after fork() the two processes write each other's code
/// heap. Either way a .NET runtime cannot continue safely after fork().
/// </summary>
public sealed class ForkCrashDemoScenario : Scenario
{
    /// <summary>The one outcome that would refute the finding: both processes survive and the forked copy completes.</summary>
    private static readonly Observation Unharmed = "forking_process_exitcode=0;forked_child=completed";

    public override string Id => "start-methods.fork-crash-demo";
    public override string Rule => "A .NET process that forks and runs managed code in the child does not survive intact: the child or the parent crashes or hangs.";
    public override string Source => "seeds 59.5 fork ('unsafe after threads have started', 'inherits partially initialized runtime state'); DESIGN.md, 'Why the engine has no fork'";
    public override ScenarioKind Kind => ScenarioKind.Finding;

    public override string? WithoutTwinOn(SubjectKind kind) =>
        kind == SubjectKind.Python ? "engine-only scenario: it demonstrates why a .NET runtime cannot fork; Python's fork is supported and has its own scenarios" : null;

    /// <summary>The expectation names the finding (any outcome but <see cref="Unharmed"/>): the notation has no
    /// negation, so it reads <c>intact=false</c>, and <see cref="Matches"/> judges the observed fields.</summary>
    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("intact=false")];

    public override bool Matches(Observation expected, Observation observed) => observed != Unharmed && !observed.IsHang;
}
