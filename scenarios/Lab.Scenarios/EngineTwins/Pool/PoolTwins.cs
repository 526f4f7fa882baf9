namespace Lab.Scenarios.EngineTwins.Pool;

/// <summary>The engine's twins of the Pool area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class PoolTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new BadArgumentsTwin(),
        new DefaultChunksizeTwin(),
        new EmptyInputTwin(),
        new FailingInitializerTwin(),
        new ImapContinuesAfterErrorTwin(),
        new ImapUnorderedPermutationTwin(),
        new InitializerOncePerWorkerTwin(),
        new MapOrderTwin(),
        new MaxTasksPerChildTwin(),
        new StarMapTwin(),
        new TaskExceptionTwin(),
        new UnserializableResultTwin(),
        new UseAfterCloseTwin(),
        new WorkerKilledDuringMapTwin(),
        new PoolPropertyCaseTwin(),
        new WorkerKillCaseTwin(),
    ];
}
