using Lab.Scenarios.Model;

namespace Lab.Scenarios.Support;

/// <summary>Builds observations from values (see <see cref="Observation"/> for the forms).</summary>
public static class Observe
{
    public static Observation Pairs(params (string Key, object? Value)[] pairs) => Observation.Of(pairs);
}
