using FsCheck;
using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Areas.ExitCodes;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Xunit;

namespace Lab.Scenarios.Tests;

/// <summary>Differential properties against the real CPython (python3 is part of the lab's set-up).</summary>
public class DifferentialTests
{
    private static readonly RunSettings Settings = new(4242, Quick: true);

    private static CpythonSubject Cpython() =>
        CpythonSubject.Create(null, out var reason) ?? throw new InvalidOperationException($"the cpython subject is needed here: {reason}");

    /// <summary>A deliberately wrong engine side: the property must notice and report seed and replay command.</summary>
    private sealed class OffByOneExitCodes : DifferentialScenario<int>
    {
        public override string Id => "demo.off-by-one";
        public override string Rule => "demo";
        public override string Source => "test";
        protected override Arbitrary<int> Inputs => Gen.Choose(0, 200).ToArbitrary();
        protected override string ObserveOnEngine(int code, ProcessContext context, TimeSpan budget) => $"exitcode={code + 1}";
        protected override (string Twin, Dictionary<string, object?> Params) TwinCall(int code) =>
            ("exit-codes.explicit-exit", new Dictionary<string, object?> { ["code"] = code });
    }

    [Fact]
    public void Differential_EngineSideDisagrees_ReportsDisagreeWithSeedAndReplay()
    {
        var scenario = new OffByOneExitCodes();
        var observation = scenario.RunOnCpython(scenario.Cases(Settings).Single(), Cpython(), "spawn", Settings)!;
        Assert.Equal("disagree", observation.Observed);
        Assert.Contains("engine/spawn: exitcode=", observation.Detail);
        Assert.Contains("seed: 4242", observation.Detail);
        Assert.Contains("lab run --scenario demo.off-by-one --seed 4242", observation.Detail);
    }

    [Fact]
    public void Differential_ExitCodesUnderSpawn_EngineAndCpythonAgree()
    {
        var scenario = new DifferentialExitCodeScenario();
        var observation = scenario.RunOnCpython(scenario.Cases(Settings).Single(), Cpython(), "spawn", Settings)!;
        Assert.True(observation.Observed == "agree", observation.Detail);
    }
}
