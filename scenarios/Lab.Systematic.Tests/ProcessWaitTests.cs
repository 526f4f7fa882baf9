using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;
using Lab.Systematic.Exploration;
using Lab.Systematic.Processes;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>Futex waits of a scheduled child on a lock that the (uncontrolled) parent holds: a timed wait is let time out
/// when nothing else can run, and returns only after its real deadline; an untimed one is a deadlock.</summary>
[Collection(ProcessCollection.Name)]
public class ProcessWaitTests
{
    /// <summary>The child's target: 1 if it got the lock, 2 if the timed acquire failed.</summary>
    internal static void Acquire(ProcessLock @lock, SharedValue<int> result, int timeoutMs)
    {
        var got = timeoutMs < 0 ? @lock.Acquire() : @lock.Acquire(timeout: TimeSpan.FromMilliseconds(timeoutMs));
        Volatile.Write(ref result.Raw, got ? 1 : 2);
    }

    private sealed class HeldLockProgram(int timeoutMs) : ProcessProgram
    {
        public int Result { get; private set; }

        public override string Name => "test.held-lock";

        public override string Description => "a child acquires a lock the parent holds";

        public override bool AllowPrestart => false;

        public override ProcessCase Prepare() => new Case(this, timeoutMs);

        private sealed class Case : ProcessCase
        {
            private readonly HeldLockProgram owner;
            private readonly int timeoutMs;
            private readonly ProcessLock @lock = new();
            private readonly SharedValue<int> result = new(0, synchronized: false);

            public Case(HeldLockProgram owner, int timeoutMs)
            {
                this.owner = owner;
                this.timeoutMs = timeoutMs;
                Assert.True(@lock.Acquire(block: false));
            }

            public override IReadOnlyList<ChildSpec> Children => [new ChildSpec("acquirer", Acquire, [@lock, result, timeoutMs])];

            public override string? Check(IReadOnlyList<ChildOutcome> outcomes)
            {
                owner.Result = Volatile.Read(ref result.Raw);
                return outcomes[0].Succeeded ? null : $"the child failed: {outcomes[0]}";
            }

            public override void Dispose()
            {
                @lock.Dispose();
                result.Dispose();
                base.Dispose();
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task TimedAcquire_LockHeldByParent_TimesOutInsteadOfDeadlock()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var program = new HeldLockProgram(timeoutMs: 200);
        var report = ProcessExplorer.Explore(program, new ExplorationSettings { Strategy = "random", Iterations = 1, Seed = 1 }, FaultMode.None);
        Assert.True(report.Failure is null, report.Failure?.Bug.ToString());
        // 2: the acquire gave up (after its real deadline: an earlier return would only have re-blocked) and the child
        // exited normally; a hang or a deadlock would have been a bug.
        Assert.Equal(2, program.Result);
    }

    [Fact(Timeout = 60_000)]
    public async Task UntimedAcquire_LockHeldByParent_ReportedAsDeadlock()
    {
        await Task.Yield();
        using var leftovers = new ProcessLeftovers();
        var report = ProcessExplorer.Explore(new HeldLockProgram(timeoutMs: -1), new ExplorationSettings { Strategy = "random", Iterations = 1, Seed = 1 }, FaultMode.None);
        var failure = Assert.IsType<Failure>(report.Failure);
        Assert.Equal(BugKind.Deadlock, failure.Bug.Kind);
        Assert.Contains("Blocked", failure.Bug.Detail);
    }
}
