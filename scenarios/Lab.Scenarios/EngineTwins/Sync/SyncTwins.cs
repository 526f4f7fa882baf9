namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>The engine's twins of the Sync area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class SyncTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new BarrierIndicesTwin(),
        new BarrierTimeoutBreaksTwin(),
        new BoundedSemaphoreOverReleaseTwin(),
        new ConditionNotifyTwin(),
        new CooperativeShutdownEventTwin(),
        new EventWakesChildTwin(),
        new KilledHolderKeepsLockTwin(),
        new LockReleaseUnlockedTwin(),
        new LockReleasedByOtherProcessTwin(),
        new RLockNonOwnerReleaseTwin(),
    ];
}
