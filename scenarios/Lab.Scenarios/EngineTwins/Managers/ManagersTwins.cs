namespace Lab.Scenarios.EngineTwins.Managers;

/// <summary>The engine's twins of the Managers area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class ManagersTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new ChildAppendsTwin(),
        new ConcurrentAppendsTwin(),
        new IsolationVersusManagedTwin(),
        new KilledManagerTwin(),
        new ProxyAfterShutdownTwin(),
        new UnauthenticatedRefusedTwin(),
    ];
}
