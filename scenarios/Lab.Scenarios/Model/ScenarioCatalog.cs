using Lab.Scenarios.Areas.Descriptors;
using Lab.Scenarios.Areas.ExitCodes;
using Executor = Lab.Scenarios.Areas.Executor;
using Lab.Scenarios.Areas.Isolation;
using Lab.Scenarios.Areas.Logging;
using Lab.Scenarios.Areas.Output;
using Lab.Scenarios.Areas.Managers;
using Lab.Scenarios.Areas.Pickling;
using Lab.Scenarios.Areas.Pool;
using Lab.Scenarios.Areas.Pipes;
using Lab.Scenarios.Areas.Queues;
using Lab.Scenarios.Areas.Signals;
using Lab.Scenarios.Areas.SharedMemory;
using Lab.Scenarios.Areas.StartMethods;
using Lab.Scenarios.Areas.Sync;
using Lab.Scenarios.Areas.Systematic;
using Lab.Scenarios.Areas.Termination;

namespace Lab.Scenarios.Model;

/// <summary>Every scenario of the lab, in a stable order (area, then id).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } = new Scenario[]
    {
        new MutationInvisibleScenario(),
        new DifferentialMutationScenario(),
        new GlobalInvisibleScenario(),
        new ReturnScenario(),
        new ExplicitExitScenario(),
        new ExitCodePropertyScenario(),
        new DifferentialExitCodeScenario(),
        new UnhandledExceptionScenario(),
        new SignalScenario(),
        new Exit137VersusSigkillScenario(),
        new SystemExitValuesScenario(),
        new TerminateSkipsFinallyScenario(),
        new CooperativeShutdownScenario(),
        new JoinTimeoutScenario(),
        new DaemonDiesWithParentScenario(),
        new DaemonCannotHaveChildrenScenario(),
        new InterruptRunsFinallyScenario(),
        new InterruptedPoolMapScenario(),
        new ShutdownDeadlineScenario(),
        new ClosureTargetRefusedScenario(),
        new UnserializableArgumentScenario(),
        new AvailableScenario(),
        new DefaultScenario(),
        new ForkRefusedScenario(),
        new ForkCrashDemoScenario(),
        new ChildSeesParentStateScenario(),
        new RandomAfterStartScenario(),
        new MainGuardScenario(),
        new MainGuardGuardedScenario(),
        new MessagesNotMergedScenario(),
        new EofAfterPeerCloseScenario(),
        new WrongEndRefusedScenario(),
        new BufferTooShortKeepsMessageScenario(),
        new PollTimeoutsScenario(),
        new KilledWriterMidMessageScenario(),
        new FifoPerProducerScenario(),
        new GetTimeoutEmptyScenario(),
        new PutTimeoutFullScenario(),
        new ClosedQueuePutScenario(),
        new TaskDoneTooManyScenario(),
        new JoinDeadlockHazardScenario(),
        new KilledMidPutScenario(),
        new SizeZeroRefusedScenario(),
        new AttachMissingScenario(),
        new CreateExistingScenario(),
        new UnlinkTwiceScenario(),
        new ChildWritesVisibleScenario(),
        new LockedCounterScenario(),
        new UnlockedCounterScenario(),
        new KilledOwnerEntryScenario(),
        new LockReleaseUnlockedScenario(),
        new LockReleasedByOtherProcessScenario(),
        new RLockNonOwnerReleaseScenario(),
        new BoundedSemaphoreOverReleaseScenario(),
        new EventWakesChildScenario(),
        new ConditionNotifyScenario(),
        new BarrierIndicesScenario(),
        new BarrierTimeoutBreaksScenario(),
        new KilledHolderKeepsLockScenario(),
        new CooperativeShutdownEventScenario(),
        new CorpusBugFoundScenario(),
        new CorpusTwinCleanScenario(),
        new EngineSeamScenario(),
        new ProcessKillScenario(),
        new ForkServerServerStateScenario(),
        new ForkServerPreloadScenario(),
        new MapOrderScenario(),
        new ImapUnorderedPermutationScenario(),
        new ImapContinuesAfterErrorScenario(),
        new StarMapScenario(),
        new EmptyInputScenario(),
        new DefaultChunksizeScenario(),
        new TaskExceptionScenario(),
        new UnserializableResultScenario(),
        new InitializerOncePerWorkerScenario(),
        new MaxTasksPerChildScenario(),
        new FailingInitializerScenario(),
        new WorkerKilledDuringMapScenario(),
        new UseAfterCloseScenario(),
        new BadArgumentsScenario(),
        new PoolPropertyScenario(),
        new WorkerKillPropertyScenario(),
        new InitializerReopensScenario(),
        new OpenFileArgumentScenario(),
        new PassedOnlyScenario(),
        new UnpassedInvisibleScenario(),
        new SmallWritesWholeScenario(),
        new LargeWritesMayInterleaveScenario(),
        new QueueRecordsWholeScenario(),
        new KilledMidRecordScenario(),
        new ProcessGroupInterruptScenario(),
        new Executor.MapOrderScenario(),
        new Executor.TaskExceptionScenario(),
        new Executor.CancelBeforeStartScenario(),
        new Executor.ShutdownCancelFuturesScenario(),
        new Executor.WorkerKilledScenario(),
        new Executor.MaxTasksPerChildScenario(),
        new Executor.LambdaRefusedScenario(),
        new ChildAppendsScenario(),
        new IsolationVersusManagedScenario(),
        new ProxyAfterShutdownScenario(),
        new KilledManagerScenario(),
        new ConcurrentAppendsScenario(),
        new UnauthenticatedRefusedScenario(),
    }.OrderBy(s => s.Area, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> Areas => All.Select(s => s.Area).Distinct().ToArray();

    public static Scenario? Find(string id) => All.FirstOrDefault(s => s.Id == id);
}
