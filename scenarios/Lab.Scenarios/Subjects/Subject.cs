using Lab.Scenarios.Model;

namespace Lab.Scenarios.Subjects;

/// <summary>A system under test that the same scenarios drive (DESIGN.md: `engine` and `cpython`).</summary>
public abstract class Subject
{
    public abstract string Name { get; }

    public abstract string Version { get; }

    /// <summary>Start methods this subject has here, by CPython's names.</summary>
    public abstract IReadOnlyList<string> StartMethods { get; }

    /// <summary>Why this scenario does not apply to this subject under this method, or null if it does.</summary>
    public abstract string? NotApplicable(Scenario scenario, string startMethod);

    public abstract string Expected(Scenario scenario, ScenarioCase @case, string startMethod);

    public abstract Observation Observe(Scenario scenario, ScenarioCase @case, string startMethod, RunSettings settings);
}
