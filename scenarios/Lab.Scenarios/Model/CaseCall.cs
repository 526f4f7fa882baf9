namespace Lab.Scenarios.Model;

/// <summary>
/// What a subject is asked to observe: the twin of <paramref name="Twin"/> (a scenario id: the scenario's own, or
/// the one a differential scenario compares) on one case's parameters, under one start method, within a budget.
/// It carries no expectation: subjects observe, the runner judges.
/// </summary>
/// <param name="Settings">Quick mode and the seed, for twins that generate inputs themselves (properties).</param>
public sealed record CaseCall(
    string Twin,
    IReadOnlyDictionary<string, object?> Params,
    string StartMethod,
    TimeSpan Budget,
    RunSettings Settings)
{
    /// <summary>An integer parameter (JSON numbers arrive as int, long or double).</summary>
    public int Int(string key) => Convert.ToInt32(Params[key], System.Globalization.CultureInfo.InvariantCulture);
}
