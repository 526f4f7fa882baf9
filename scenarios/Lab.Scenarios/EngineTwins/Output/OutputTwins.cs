namespace Lab.Scenarios.EngineTwins.Output;

/// <summary>The engine's twins of the Output area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class OutputTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new SmallWritesWholeTwin(),
        new LargeWritesMayInterleaveTwin(),
    ];
}
