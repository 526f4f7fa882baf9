using Lab.Systematic.Corpus;
using Lab.Systematic.Exploration;
using Xunit;

namespace Lab.Systematic.Coyote.Tests;

/// <summary>
/// The seeded-bug corpus under Coyote, through the binding: every bug is found, of the kind our tester reports; its
/// ReproducibleTrace replays to the same bug; every twin stays clean. Budgets are small (Coyote runs about a thousand
/// schedules a second here): these check the binding, `lab explore corpus --tester both` measures.
/// </summary>
public class CoyoteCorpusTests
{
    private const int BugBudget = 2000, TwinBudget = 100;

    public static TheoryData<string> Names => new(BugCorpus.All.Select(p => p.Name));

    private static CorpusProgram Program(string name) => BugCorpus.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Coyote_BuggyProgram_FindsExpectedBugAndItsTraceReplays(string name)
    {
        // Random, except where random scheduling is what the program defeats: vector-resize-race needs thousands of
        // random schedules, Coyote's PCT (prioritization) tens. (peterson-swapped is the other way round: its spin
        // loop starves unfair PCT, see `lab explore corpus`.)
        var program = Program(name);
        var strategy = name == "vector-resize-race" ? CoyoteStrategy.Prioritization : CoyoteStrategy.Random;
        var settings = new CoyoteSettings(strategy, BugBudget, CoyoteSettings.SpreadSeed(Seeds.Run, 0));
        var report = CoyoteTester.Explore(program.Name, program.BuggyBody, settings);
        Assert.True(report.Bug is not null, $"{name}: no bug in {report.Iterations} iterations; {Seeds.Replay(name, settings)}");
        Assert.True(report.Bug!.Kind == program.Expected, $"{name}: expected a {program.Expected.ToName()}, Coyote reported {report.Bug}; {Seeds.Replay(name, settings)}");

        var replay = CoyoteTester.Replay(program.Name, program.BuggyBody, report.Trace!);
        Assert.True(replay.Reproduced, $"{name}: the trace did not reproduce {report.Bug}; {Seeds.Replay(name, settings)}\n{report.Trace}");
        Assert.Equal(report.Bug, replay.Bug);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CoyoteRandom_FixedTwin_StaysCleanThroughBudget(string name)
    {
        var program = Program(name);
        var settings = new CoyoteSettings(CoyoteStrategy.Random, TwinBudget, CoyoteSettings.SpreadSeed(Seeds.Run, 1));
        var report = CoyoteTester.Explore(program.Fixed.Name, program.FixedBody, settings);
        Assert.True(report.Bug is null, $"{program.Fixed.Name}: Coyote found {report.Bug}; {Seeds.Replay(name, settings)}\n{report.Trace}");
        Assert.Equal(TwinBudget, report.Iterations);
    }

    [Fact]
    public void CoyoteReplay_TraceOnAnotherProgram_DoesNotReproduce()
    {
        // A replay that can fail: the unlocked counter's failing schedule replayed on its corrected twin, whose locks
        // add scheduling points the trace does not have: Coyote cannot follow it and says so.
        var program = Program("unlocked-counter");
        var settings = new CoyoteSettings(CoyoteStrategy.Random, BugBudget, CoyoteSettings.SpreadSeed(Seeds.Run, 2));
        var report = CoyoteTester.Explore(program.Name, program.BuggyBody, settings);
        Assert.NotNull(report.Trace);
        var replay = CoyoteTester.Replay(program.Name, program.FixedBody, report.Trace!);
        Assert.False(replay.Reproduced, $"the buggy program's trace reproduced a bug on the corrected twin: {replay.Bug}; {Seeds.Replay(program.Name, settings)}");
    }
}
