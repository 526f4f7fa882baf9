namespace Lab.Scenarios.EngineTwins.Executor;

/// <summary>The engine's twins of the Executor area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class ExecutorTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new CancelBeforeStartTwin(),
        new LambdaRefusedTwin(),
        new MapOrderTwin(),
        new MaxTasksPerChildTwin(),
        new ShutdownCancelFuturesTwin(),
        new TaskExceptionTwin(),
        new WorkerKilledTwin(),
    ];
}
