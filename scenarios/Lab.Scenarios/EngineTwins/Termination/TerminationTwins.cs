namespace Lab.Scenarios.EngineTwins.Termination;

/// <summary>The engine's twins of the Termination area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class TerminationTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new TerminateSkipsFinallyTwin(),
        new CooperativeShutdownTwin(),
        new JoinTimeoutTwin(),
        new DaemonDiesWithParentTwin(),
        new DaemonCannotHaveChildrenTwin(),
        new InterruptRunsFinallyTwin(),
        new InterruptedPoolMapTwin(),
        new ShutdownDeadlineTwin(),
    ];
}
