using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.StartMethods;

public sealed class RandomAfterStartScenario : Scenario
{
    public override string Id => "start-methods.random-after-fork";
    public override string Rule => "Two children draw from the global generator and from a module-level generator created unseeded at import: do they get the same numbers?";
    public override string Source => "seeds 59.28 Randomness ('children may produce identical sequences unless reseeded')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("global_random_same=false;own_generator_same=false")];

    /// <summary>CPython reseeds `random` after fork (os.register_at_fork) but not a module's own instance, which fork
    /// children inherit. forkserver children inherit what the server imported: where the server preloads __main__ (the
    /// driver, which imports the twins), the module's generator is created once in the server and both children draw the
    /// same numbers; where it does not (gh-126631), each child imports the module itself and gets its own seed.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? Observation.Parse("global_random_same=false;own_generator_same=true") : null;

    /// <summary>Found by the cross-OS matrix: engine and CPython 3.14 disagree under forkserver, where 3.11 and 3.13.5 agree.</summary>
    public override string IntendedDivergence =>
        "The engine's forkserver hands out pre-started workers, not forks of the server (a .NET runtime cannot fork): each worker " +
        "initializes its own statics, as CPython's forkserver children did before gh-126631 was fixed; from 3.13.8 and 3.14 CPython's " +
        "children inherit the modules the server preloaded with __main__, generator state included.";

    public override IReadOnlyList<VersionChange> VersionChanges =>
    [
        new(SubjectKind.Python, "forkserver", "3.13.8", "global_random_same=false;own_generator_same=false",
            "global_random_same=false;own_generator_same=true", "The forkserver preloads __main__ only where gh-126631 is fixed (CPython 3.13.8 and 3.14; gh-135295): before, the server looked for a 'main_path' key that spawn's preparation data had called 'init_main_from_path' since 2013, so it never imported the main script and every child imported it again."),
    ];
}
