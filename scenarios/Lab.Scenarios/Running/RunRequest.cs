using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;

namespace Lab.Scenarios.Running;

/// <summary>What to run: scenarios, subjects, optional start-method filter, and the settings (seed, quick).</summary>
public sealed record RunRequest(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<Subject> Subjects, string? StartMethod, RunSettings Settings);
