namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>The engine's twins of the Pool area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class PoolTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
    ];
}
