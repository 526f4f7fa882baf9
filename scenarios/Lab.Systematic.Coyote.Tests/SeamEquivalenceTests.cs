using Lab.Systematic.Exploration;
using Lab.Systematic.Seam;
using Xunit;

namespace Lab.Systematic.Coyote.Tests;

/// <summary>
/// The two bindings of the seam are the same semantics: programs written once against <see cref="ISchedulingSeam"/>,
/// explored exhaustively by both testers (our DFS without a preemption bound, Coyote's DFS), reach exactly the same set
/// of final states; and a misuse of a primitive fails the same way under both. The programs record their final state
/// (after joining everything) in a set owned by the test.
/// </summary>
public class SeamEquivalenceTests
{
    /// <summary>Two unlocked increments (a lost update or not) and a controlled value.</summary>
    private static void Counter(ISchedulingSeam rt, ISet<string> outcomes)
    {
        var counter = rt.NewVariable(0, "counter");
        void Increment() => counter.Write(counter.Read() + 1);
        var a = rt.Spawn(Increment, "a");
        var b = rt.Spawn(Increment, "b");
        var pick = rt.NextBool();
        a.Join();
        b.Join();
        outcomes.Add($"counter={counter.Peek()};pick={pick}");
    }

    /// <summary>A condition hand-off: whether the waiter had to wait.</summary>
    private static void Handoff(ISchedulingSeam rt, ISet<string> outcomes)
    {
        var guard = rt.NewLock("guard");
        var ready = rt.NewCondition(guard, "ready");
        var flag = rt.NewVariable(false, "flag");
        var signaller = rt.Spawn(() =>
        {
            guard.Acquire();
            flag.Write(true);
            ready.Notify();
            guard.Release();
        }, "signaller");
        guard.Acquire();
        var waited = false;
        while (!flag.Read())
        {
            waited = true;
            ready.Wait();
        }
        guard.Release();
        signaller.Join();
        outcomes.Add($"waited={waited}");
    }

    /// <summary>A semaphore of one taken by two operations in turn: who was first.</summary>
    private static void Semaphore(ISchedulingSeam rt, ISet<string> outcomes)
    {
        var slot = rt.NewSemaphore(1, 1, "slot");
        var first = rt.NewVariable("", "first");
        void Take(string name)
        {
            slot.Acquire();
            first.CompareExchange(name, "");
            slot.Release();
        }
        var other = rt.Spawn(() => Take("other"), "other");
        Take("main");
        other.Join();
        outcomes.Add($"first={first.Peek()}");
    }

    public static TheoryData<string> Programs => new(["counter", "handoff", "semaphore"]);

    private static Action<ISchedulingSeam, ISet<string>> Find(string name) => name switch { "counter" => Counter, "handoff" => Handoff, _ => Semaphore };

    [Theory]
    [MemberData(nameof(Programs))]
    public void BothTesters_ExhaustiveExploration_ReachTheSameFinalStates(string name)
    {
        Assert.NotNull(CoyoteStrategy.Dfs);
        var body = Find(name);
        var ours = new HashSet<string>();
        var report = Explorer.Explore(new SystematicProgram(name, rt => body(rt, ours)),
            new ExplorationSettings { Strategy = "dfs", PreemptionBound = 1000, Iterations = 20_000, Shrink = false });
        Assert.True(report.Exhausted && report.Failure is null, $"our DFS: {report.Failure?.Bug.ToString() ?? "not exhausted"} after {report.Iterations} schedules");

        var coyote = new HashSet<string>();
        var coyoteReport = CoyoteTester.Explore(name, rt => body(rt, coyote), new CoyoteSettings(CoyoteStrategy.Dfs!, 20_000, 0));
        Assert.Null(coyoteReport.Bug);
        Assert.True(coyoteReport.Iterations < 20_000, $"Coyote's DFS did not finish within {coyoteReport.Iterations} schedules");

        Assert.True(ours.Count > 1, $"the program must have more than one outcome to compare: {string.Join(" | ", ours)}");
        Assert.Equal(ours.Order(), coyote.Order());
    }

    [Fact]
    public void BothTesters_ReleaseOfUnlockedLock_IsTheSameUnhandledException()
    {
        static void Misuse(ISchedulingSeam rt)
        {
            var guard = rt.NewLock("guard");
            rt.Spawn(() => { }, "other").Join();
            guard.Release();
        }
        var ours = Explorer.Explore(new SystematicProgram("misuse", Misuse), new ExplorationSettings { Strategy = "random", Iterations = 5, Shrink = false });
        var coyote = CoyoteTester.Explore("misuse", Misuse, new CoyoteSettings(CoyoteStrategy.Random, 5, CoyoteSettings.SpreadSeed(Seeds.Run, 3)));
        Assert.Equal(BugKind.UnhandledException, ours.Failure?.Bug.Kind);
        Assert.Equal(BugKind.UnhandledException, coyote.Bug?.Kind);
        Assert.Contains("release of the unlocked lock 'guard'", ours.Failure!.Bug.Message);
        Assert.Contains("SynchronizationLockException: release of the unlocked lock 'guard'", coyote.Bug!.Message);
    }
}
