namespace Lab.Scenarios.EngineTwins.StartMethods;

/// <summary>The engine's twins of the StartMethods area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class StartMethodsTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new AvailableTwin(),
        new ChildSeesParentStateTwin(),
        new DefaultTwin(),
        new ForkCrashDemoTwin(),
        new ForkRefusedTwin(),
        new ForkServerPreloadTwin(),
        new ForkServerServerStateTwin(),
        new MainGuardTwin("start-methods.main-guard", guarded: false),
        new MainGuardTwin("start-methods.main-guard-guarded", guarded: true),
        new RandomAfterStartTwin(),
    ];
}
