using Lab.Engine;

namespace Lab.Scenarios.Model;

/// <summary>
/// A rule from the seeds (or CPython's documented behaviour), the inputs that exercise it, and how the
/// engine subject observes it. The CPython subject runs the twin of the same id in the Python driver
/// (scenarios/cpython). One class per scenario, grouped by area under Areas/.
/// </summary>
public abstract class Scenario
{
    /// <summary>"area.name", e.g. "exit-codes.explicit-exit"; also the twin's id in the CPython driver.</summary>
    public abstract string Id { get; }

    public string Area => Id[..Id.IndexOf('.')];

    /// <summary>The rule as one sentence.</summary>
    public abstract string Rule { get; }

    /// <summary>Where the rule comes from: a seed section ("59.11 Exit Codes") or a CPython document.</summary>
    public abstract string Source { get; }

    public virtual ScenarioKind Kind => ScenarioKind.Conformance;

    /// <summary>The inputs. <paramref name="settings"/> carries quick mode and the seed for generated ones.</summary>
    public abstract IEnumerable<ScenarioCase> Cases(RunSettings settings);

    /// <summary>Runs one case on the engine and reports what was observed. Must stay within
    /// <paramref name="budget"/> and leave no child behind, pass or fail.</summary>
    public abstract Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget);

    /// <summary>Whether the engine can run this scenario under a start method (default: every method it has).</summary>
    public virtual bool AppliesToEngine(StartMethod method) => Multiprocessing.AllStartMethods.Contains(method);

    /// <summary>Runs a case on CPython itself instead of calling the twin of the same id once (differential
    /// scenarios use it to compare both subjects input by input). Null: the default twin call.</summary>
    public virtual Observation? RunOnCpython(ScenarioCase @case, Subjects.CpythonSubject cpython, string startMethod, RunSettings settings) => null;

    /// <summary>Whether CPython has a twin for this scenario.</summary>
    public virtual bool HasCpythonTwin => true;

    /// <summary>What CPython is expected to show under a start method (and Python version, e.g. "3.11.7"), when it
    /// differs from the rule's expectation (e.g. fork can run a lambda). Null: the case's own expectation.</summary>
    public virtual string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => null;

    /// <summary>Why the engine and CPython are allowed to observe different things for this scenario under
    /// the same start method, or null if any difference is a defect.</summary>
    public virtual string? IntendedDivergence => null;

    /// <summary>Known changes of behaviour between versions of a subject (e.g. CPython 3.14's default start method on
    /// Linux): the matrix marks a cross-image divergence they explain as intended, and the subject's expectation follows
    /// them. Empty: the same observation is expected on every version.</summary>
    public virtual IReadOnlyList<VersionChange> VersionChanges => [];

    /// <summary>Whether an observation satisfies the expectation: equality, except for findings whose exact
    /// observation is the result (they say which observations confirm the hazard).</summary>
    public virtual bool Matches(string expected, string observed) => expected == observed;

    public virtual TimeSpan Budget => TimeSpan.FromSeconds(30);
}
