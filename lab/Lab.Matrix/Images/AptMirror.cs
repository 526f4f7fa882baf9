namespace Lab.Matrix.Images;

/// <summary>
/// The Debian mirror debootstrap downloads from: the one this machine's apt already uses (sources.list(5), both the
/// one-line and the deb822 format), so the matrix reaches whatever mirror the machine may reach.
/// </summary>
public static class AptMirror
{
    public const string Fallback = "http://deb.debian.org/debian";

    public static string Detect(string sourcesRoot = "/etc/apt")
    {
        var files = new List<string>();
        if (File.Exists(Path.Combine(sourcesRoot, "sources.list"))) files.Add(Path.Combine(sourcesRoot, "sources.list"));
        var dir = Path.Combine(sourcesRoot, "sources.list.d");
        if (Directory.Exists(dir))
            files.AddRange(Directory.GetFiles(dir).Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException)
            {
                continue;
            }
            if (FromSources(text) is { } found) return found;
        }
        return Fallback;
    }

    /// <summary>The first Debian archive URI of a sources file (not the security archive, not a third-party repository).</summary>
    public static string? FromSources(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            IEnumerable<string> uris = line.StartsWith("URIs:", StringComparison.OrdinalIgnoreCase)
                ? line[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : line.StartsWith("deb ", StringComparison.Ordinal)
                    ? line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(t => !t.StartsWith('['))
                    : [];
            foreach (var uri in uris)
            {
                var u = uri.TrimEnd('/');
                if ((u.StartsWith("http://", StringComparison.Ordinal) || u.StartsWith("https://", StringComparison.Ordinal))
                    && u.EndsWith("/debian", StringComparison.Ordinal))
                    return u;
            }
        }
        return null;
    }
}
