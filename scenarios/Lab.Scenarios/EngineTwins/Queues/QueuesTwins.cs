namespace Lab.Scenarios.EngineTwins.Queues;

/// <summary>The engine's twins of the Queues area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class QueuesTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new ClosedQueuePutTwin(),
        new FifoPerProducerTwin(),
        new GetTimeoutEmptyTwin(),
        new JoinDeadlockHazardTwin(),
        new KilledMidPutTwin(),
        new PutTimeoutFullTwin(),
        new TaskDoneTooManyTwin(),
    ];
}
