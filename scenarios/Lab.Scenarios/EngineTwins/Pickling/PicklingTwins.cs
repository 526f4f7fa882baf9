namespace Lab.Scenarios.EngineTwins.Pickling;

/// <summary>The engine's twins of the Pickling area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class PicklingTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new ClosureTargetRefusedTwin(),
        new UnserializableArgumentTwin(),
    ];
}
