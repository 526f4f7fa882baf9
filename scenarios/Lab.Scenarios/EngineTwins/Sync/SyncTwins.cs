namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>The engine's twins of the Sync area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class SyncTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
    ];
}
