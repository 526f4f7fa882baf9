namespace Lab.Scenarios.EngineTwins.Signals;

/// <summary>The engine's twins of the Signals area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class SignalsTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new ProcessGroupInterruptTwin(),
    ];
}
