using Lab.Engine;

namespace Lab.Scenarios.EngineTwins.Pickling;

/// <summary>Targets run in engine children.</summary>
public static class PicklingTargets
{
    [ProcessTarget]
    public static void TakeAnything(object value) { }
}
