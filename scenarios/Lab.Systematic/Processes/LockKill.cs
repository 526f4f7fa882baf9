using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;

namespace Lab.Systematic.Processes;

/// <summary>
/// <c>processes.lock-kill</c> (issue #5 §3): a child acquires a ProcessLock, marks its progress in shared memory,
/// releases; it is killed at each of its points in turn. Afterwards the parent's <c>Acquire(timeout: short)</c> fails
/// exactly when the child died holding the lock (it stays held, as in CPython: SemLock has no owner recovery) and
/// succeeds otherwise. The stage word says where the child was: 0 before acquiring, 1 inside Acquire, 2 holding, 3
/// inside Release, 4 released; a kill inside Acquire or Release (possible only where the engine has points of its
/// own there) may go either way and is not judged.
/// </summary>
public sealed class LockKill : ProcessProgram
{
    public static readonly TimeSpan ParentTimeout = TimeSpan.FromMilliseconds(200);

    public override string Name => "processes.lock-kill";

    public override string Description => "a child acquires a lock, marks progress, releases, killed at every point: the lock is held afterwards exactly when it died holding it";

    public override FaultMode DefaultFaults => FaultMode.EveryPoint;

    public override ProcessCase Prepare() => new Case(this);

    /// <summary>What the last iteration's check saw: the stage and whether the parent's acquire succeeded.</summary>
    public (int Stage, bool Acquired) Last { get; set; }

    private sealed class Case(LockKill owner) : ProcessCase
    {
        private readonly ProcessLock @lock = new();
        private readonly SharedValue<int> stage = new(0, synchronized: false);

        public override IReadOnlyList<ChildSpec> Children => [new ChildSpec("holder", ProcessProgramTargets.Holder, [@lock, stage])];

        public override string? Check(IReadOnlyList<ChildOutcome> outcomes)
        {
            var s = Volatile.Read(ref stage.Raw);
            var acquired = @lock.Acquire(timeout: ParentTimeout);
            if (acquired) @lock.Release();
            owner.Last = (s, acquired);
            var holder = outcomes[0];
            if (!holder.Killed && (holder.ExitCode != 0 || s != 4)) return $"the holder was not killed but ended at stage {s} ({holder})";
            return s switch
            {
                0 or 4 when !acquired => $"the lock is held although the holder died at stage {s} (not holding it): {holder}",
                2 when acquired => $"the lock is free although the holder died holding it: {holder}",
                _ => null,
            };
        }

        public override void Dispose()
        {
            @lock.Dispose();
            stage.Dispose();
            base.Dispose();
        }
    }
}
