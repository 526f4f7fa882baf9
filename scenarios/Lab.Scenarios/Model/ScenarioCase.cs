using System.Text.Json;

namespace Lab.Scenarios.Model;

/// <summary>
/// One input of a scenario and what the rule says should be observed. Parameters are plain JSON values
/// (numbers, strings, booleans, lists, objects), so every subject gets the same case.
/// </summary>
public sealed record ScenarioCase(string Label, IReadOnlyDictionary<string, object?> Params, Observation Expected)
{
    public static ScenarioCase Single(Observation expected) => new("", new Dictionary<string, object?>(), expected);

    /// <summary>Compact, stable JSON of the parameters (for CSV rows and the driver's --params).</summary>
    public string ParamsJson => Json(Params);

    public static string Json(IReadOnlyDictionary<string, object?> parameters) => JsonSerializer.Serialize(parameters, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
