using Lab.Scenarios.Areas.ExitCodes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Running;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>Differential properties: every subject observes the same generated inputs, the judge compares them.</summary>
public class DifferentialTests
{
    private static readonly RunSettings Settings = new(4242, Quick: true);

    private static CpythonSubject Cpython() =>
        CpythonSubject.Create(null, out var reason) ?? throw new InvalidOperationException($"the cpython subject is needed here: {reason}");

    /// <summary>A deliberately wrong subject: the engine, reporting every exit code one too high.</summary>
    private sealed class OffByOneEngine : ISubject
    {
        private readonly EngineSubject _engine = new();
        public string Name => "off-by-one";
        public SubjectKind Kind => SubjectKind.Engine;
        public string Version => "0";
        public IReadOnlyList<string> StartMethods => _engine.StartMethods;
        public IReadOnlySet<string> Twins => _engine.Twins;
        public string? NotApplicable(string twin, string startMethod) => _engine.NotApplicable(twin, startMethod);

        public Observation Observe(CaseCall call) =>
            _engine.Observe(call) is { IsHang: false } o && o.GetInt("exitcode") is { } code ? Observation.Of(("exitcode", code + 1)) : Observation.Hang;
    }

    [Fact]
    public void Differential_OneSubjectDisagrees_EveryCaseFailsOnBothWithBothObservations()
    {
        var scenario = new DifferentialExitCodeScenario();
        var results = ScenarioRunner.Run(new RunRequest([scenario], [new OffByOneEngine(), Cpython()], "spawn", Settings));
        Assert.Equal(20, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(Outcome.Fail, r.Outcome);
            Assert.Equal(Verdict.Defect, r.Verdict);
            Assert.Equal(4242, r.Seed);
            Assert.Contains("off-by-one/spawn: exitcode=", r.Detail);
            Assert.Contains("cpython/spawn: exitcode=", r.Detail);
        });
    }

    [Fact]
    public void Differential_ExitCodesUnderSpawn_EngineAndCpythonAgree()
    {
        var scenario = new DifferentialExitCodeScenario();
        var results = ScenarioRunner.Run(new RunRequest([scenario], [new EngineSubject(), Cpython()], "spawn", Settings));
        Assert.All(results, r => Assert.True(r.Outcome == Outcome.Pass && r.Verdict == Verdict.None, $"{r.Subject} {r.Case.ParamsJson}: {r.Outcome} {r.Detail}"));
        Assert.Equal(scenario.Cases(Settings).Count() * 2, results.Count);
    }

    [Fact]
    public void Differential_OneSubjectAlone_IsSkippedWithTheReason()
    {
        var results = ScenarioRunner.Run(new RunRequest([new DifferentialExitCodeScenario()], [new EngineSubject()], "spawn", Settings));
        Assert.All(results, r => Assert.Equal(Outcome.Skip, r.Outcome));
        Assert.Contains("needs two subjects", results[0].Detail);
    }

    [Fact]
    public void Differential_Cases_ComeFromTheSeed()
    {
        var scenario = new DifferentialExitCodeScenario();
        Assert.Equal(scenario.Cases(Settings).Select(c => c.ParamsJson), scenario.Cases(Settings).Select(c => c.ParamsJson));
        Assert.NotEqual(scenario.Cases(Settings).Select(c => c.ParamsJson), scenario.Cases(Settings with { Seed = 4243 }).Select(c => c.ParamsJson));
    }
}
