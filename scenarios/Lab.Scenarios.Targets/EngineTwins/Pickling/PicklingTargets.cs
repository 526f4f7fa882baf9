namespace Lab.Scenarios.EngineTwins.Pickling;

/// <summary>Targets run in engine children.</summary>
public static class PicklingTargets
{
    public static void TakeAnything(object value) { }
}
