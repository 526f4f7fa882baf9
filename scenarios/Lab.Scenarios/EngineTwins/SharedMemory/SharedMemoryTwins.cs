namespace Lab.Scenarios.EngineTwins.SharedMemory;

/// <summary>The engine's twins of the SharedMemory area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class SharedMemoryTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new AttachMissingTwin(),
        new ChildWritesVisibleTwin(),
        new CreateExistingTwin(),
        new KilledOwnerEntryTwin(),
        new LockedCounterTwin(),
        new SizeZeroRefusedTwin(),
        new UnlinkTwiceTwin(),
        new UnlockedCounterTwin(),
    ];
}
