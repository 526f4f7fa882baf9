namespace Lab.Scenarios.EngineTwins.ExitCodes;

/// <summary>The engine's twins of the ExitCodes area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class ExitCodesTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new ExplicitExitTwin(),
        new ReturnTwin(),
        new SignalTwin(),
        new Exit137VersusSigkillTwin(),
        new SystemExitValuesTwin(),
        new UnhandledExceptionTwin(),
    ];
}
