namespace Lab.Scenarios.EngineTwins.Descriptors;

/// <summary>The engine's twins of the Descriptors area (registered in <see cref="EngineTwinRegistry"/>).</summary>
public static class DescriptorsTwins
{
    public static IReadOnlyList<EngineTwin> All { get; } =
    [
        new InitializerReopensTwin(),
        new OpenFileArgumentTwin(),
        new PassedOnlyTwin(),
        new UnpassedInvisibleTwin(),
    ];
}
