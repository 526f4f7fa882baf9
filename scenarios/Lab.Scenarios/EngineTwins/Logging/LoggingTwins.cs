namespace Lab.Scenarios.EngineTwins.Logging;

/// <summary>The engine's twins of the Logging area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class LoggingTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new QueueRecordsWholeTwin(),
        new KilledMidRecordTwin(),
    ];
}
