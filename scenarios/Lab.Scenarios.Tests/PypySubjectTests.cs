using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>The third subject, PyPy, through the same seam: a few scenarios end to end, judged against CPython. Skipped
/// with the reason where pypy3 is not installed (run-all.sh installs it when it runs as root).</summary>
public class PypySubjectTests
{
    private static readonly RunSettings Settings = new(7, Quick: true);

    [SkippableFact]
    public void Pypy_ExitCodesAndStartMethods_PassAndAgreeWithCpython()
    {
        var pypy = PypySubject.Create(null, out var reason);
        Skip.If(pypy is null, $"the pypy subject is not available: {reason}");
        var cpython = CpythonSubject.Create(null, out var why) ?? throw new InvalidOperationException($"the cpython subject is needed here: {why}");
        Assert.Equal(SubjectKind.Python, pypy!.Kind);
        Assert.StartsWith("3.", pypy.Version);
        var scenarios = new[] { "exit-codes.explicit-exit", "exit-codes.signal", "start-methods.available" }.Select(id => ScenarioCatalog.Find(id)!).ToList();
        var results = ScenarioRunner.Run(new RunRequest(scenarios, [cpython, pypy], "spawn", Settings));
        Assert.Contains(results, r => r.Subject == "pypy");
        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Pass && r.Verdict == Verdict.None,
            $"{r.ScenarioId} [{r.Case.Label}] on {r.Subject}/{r.StartMethod}: {r.Outcome} {r.Verdict}; expected {r.Expected}, observed {r.Observed}; {r.Detail}"));
    }
}
