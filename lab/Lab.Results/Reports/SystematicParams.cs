namespace Lab.Results;

/// <summary>Reads the <c>key=value;key=value</c> params of systematic rows (written by `lab explore`).</summary>
public static class SystematicParams
{
    public static string? Get(string @params, string key)
    {
        foreach (var part in @params.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && part.AsSpan(0, eq).SequenceEqual(key))
                return part[(eq + 1)..];
        }
        return null;
    }

    public static int? GetInt(string @params, string key) =>
        int.TryParse(Get(@params, key), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
