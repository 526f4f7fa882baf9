namespace Lab.Results;

/// <summary>Reads PRETTY_NAME from an os-release(5) file: shell-style KEY=value lines, value optionally quoted.</summary>
internal static class OsRelease
{
    public const string DefaultPath = "/etc/os-release";

    public static string? ReadPrettyName(string path)
    {
        try
        {
            return File.Exists(path) ? PrettyName(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string? PrettyName(string content)
    {
        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                continue;
            var value = Unquote(line["PRETTY_NAME=".Length..]);
            return value.Length == 0 ? null : value;
        }
        return null;
    }

    // os-release(5): double-quoted values may escape $ " \ and ` with a backslash.
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            return value[1..^1];
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            return value;
        var inner = value[1..^1];
        var result = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length && inner[i + 1] is '$' or '"' or '\\' or '`')
                i++;
            result.Append(inner[i]);
        }
        return result.ToString();
    }
}
