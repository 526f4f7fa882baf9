namespace Lab.Scenarios.EngineTwins.Isolation;

/// <summary>The engine's twins of the Isolation area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class IsolationTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new MutationInvisibleTwin(),
        new GlobalInvisibleTwin(),
    ];
}
