namespace Lab.Scenarios.EngineTwins.Systematic;

/// <summary>The engine's twins of the Systematic area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class SystematicTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new CorpusBugFoundTwin(),
        new CorpusTwinCleanTwin(),
        new EngineSeamTwin(),
        new ProcessKillTwin(),
    ];
}
