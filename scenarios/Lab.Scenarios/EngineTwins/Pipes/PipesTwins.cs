namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>The engine's twins of the Pipes area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class PipesTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new BufferTooShortKeepsMessageTwin(),
        new EofAfterPeerCloseTwin(),
        new KilledWriterMidMessageTwin(),
        new MessagesNotMergedTwin(),
        new PollTimeoutsTwin(),
        new WrongEndRefusedTwin(),
    ];
}
