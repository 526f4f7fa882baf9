namespace Lab.Scenarios.Model;

/// <summary>
/// A rule from the seeds (or CPython's documented behaviour), the cases that exercise it and what each kind of subject
/// is expected to observe: data, with no code that runs a subject. Subjects observe a case through their own twin of
/// the same id (the engine's in EngineTwins/, the Python driver's in scenarios/cpython/twins/), and the runner judges.
/// One class per scenario, grouped by area under Areas/.
/// </summary>
public abstract class Scenario
{
    /// <summary>"area.name", e.g. "exit-codes.explicit-exit"; also the id of its twins.</summary>
    public abstract string Id { get; }

    public string Area => Id[..Id.IndexOf('.')];

    /// <summary>The rule as one sentence.</summary>
    public abstract string Rule { get; }

    /// <summary>Where the rule comes from: a seed section ("59.11 Exit Codes") or a CPython document.</summary>
    public abstract string Source { get; }

    public virtual ScenarioKind Kind => ScenarioKind.Conformance;

    /// <summary>The twin the subjects run for this scenario's cases: its own id, unless it observes another scenario's
    /// twin on other inputs (the differential scenarios).</summary>
    public virtual string TwinId => Id;

    /// <summary>The inputs. <paramref name="settings"/> carries quick mode and the seed for generated ones.</summary>
    public abstract IEnumerable<ScenarioCase> Cases(RunSettings settings);

    /// <summary>Why subjects of <paramref name="kind"/> have no twin for this scenario (e.g. the engine never re-runs
    /// its parent's entry point), or null when they have one. The catalog contract test holds every subject to it.</summary>
    public virtual string? WithoutTwinOn(SubjectKind kind) => null;

    /// <summary>What a subject of <paramref name="kind"/> and <paramref name="version"/> is expected to observe under
    /// <paramref name="startMethod"/>, when it differs from the case's own expectation (e.g. fork can run a lambda on
    /// Python). Null: the case's expectation.</summary>
    public virtual Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) => null;

    /// <summary>Why the engine and the Python subjects are allowed to observe different things for this scenario under
    /// the same start method, or null if any difference is a defect.</summary>
    public virtual string? IntendedDivergence => null;

    /// <summary>Why two Python implementations (CPython and PyPy) may observe different things here, or null if any
    /// difference between them is a defect.</summary>
    public virtual string? IntendedPythonDivergence => null;

    /// <summary>Known changes of behaviour between versions of a subject kind (e.g. CPython 3.14's default start method
    /// on Linux): the matrix marks a cross-image divergence they explain as intended, and the expectation follows them.
    /// Empty: the same observation is expected on every version.</summary>
    public virtual IReadOnlyList<VersionChange> VersionChanges => [];

    /// <summary>Whether an observation satisfies the expectation: equality, except for findings whose exact
    /// observation is the result (they say which observations confirm the hazard).</summary>
    public virtual bool Matches(Observation expected, Observation observed) => expected == observed;

    public virtual TimeSpan Budget => TimeSpan.FromSeconds(30);

    /// <summary>Whether the case's twin needs the engine's scheduling hooks in this process (a scheduler attached to
    /// engine code); everything else runs in the production configuration.</summary>
    public virtual bool NeedsSchedulingHooks => false;
}
