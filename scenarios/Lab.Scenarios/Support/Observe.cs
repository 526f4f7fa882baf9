namespace Lab.Scenarios.Support;

/// <summary>Canonical observation strings: `key=value` pairs joined by `;`, lowercase booleans, `null` for
/// a missing value. The CPython driver writes exactly the same format (scenarios/cpython/README.md).</summary>
public static class Observe
{
    public static string Pairs(params (string Key, object? Value)[] pairs) =>
        string.Join(";", pairs.Select(p => $"{p.Key}={Format(p.Value)}"));

    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
