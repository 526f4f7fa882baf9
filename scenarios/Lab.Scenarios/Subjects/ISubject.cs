using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>
/// A system under test (DESIGN.md: the engine, CPython, PyPy): the one seam between the catalog and what runs. A subject
/// owns its twins (by scenario id), says which cases it cannot observe and why, and observes a case. Scenarios never
/// call a subject; the runner, the properties' judge and the benchmarks do.
/// </summary>
public interface ISubject
{
    /// <summary>The subject column of every row: "engine", "cpython", "pypy".</summary>
    string Name { get; }

    SubjectKind Kind { get; }

    /// <summary>The subject's version; for a Python implementation, the Python language version it implements (what
    /// scenarios' version changes are written against).</summary>
    string Version { get; }

    /// <summary>Start methods this subject has here, by CPython's names.</summary>
    IReadOnlyList<string> StartMethods { get; }

    /// <summary>The ids of the twins this subject has (scenarios and benchmarks it can observe).</summary>
    IReadOnlySet<string> Twins { get; }

    /// <summary>Why this subject cannot observe the twin under this method, or null if it can.</summary>
    string? NotApplicable(string twin, string startMethod);

    /// <summary>Observes one case. A case that outlives its budget is killed and observed as a hang; a twin that
    /// fails unexpectedly throws (the runner records an error row).</summary>
    Observation Observe(CaseCall call);
}
