namespace Lab.Matrix.Host;

/// <summary>
/// Installs Debian packages for tools the matrix needs (docker.io for dockerd, debootstrap) when they are missing and
/// the lab runs as root; otherwise says what to install. `apt-get update` runs once per process, before the first install.
/// </summary>
public static class AptPackages
{
    private static bool _updated;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure every tool (program name → package) is on PATH.</summary>
    /// <exception cref="MatrixSetupException">A tool is missing and cannot be installed from here.</exception>
    public static async Task EnsureAsync(IReadOnlyDictionary<string, string> tools, string logPath, Action<string> say, CancellationToken cancel)
    {
        var missing = tools.Where(t => ExternalCommand.Find(t.Key) is null).Select(t => t.Value).Distinct().ToList();
        if (missing.Count == 0) return;
        if (!Privileges.IsRoot || ExternalCommand.Find("apt-get") is null)
            throw new MatrixSetupException($"missing {string.Join(", ", missing)}: install with 'apt-get install {string.Join(' ', missing)}' (as root), or run the lab as root and it installs them");
        await Gate.WaitAsync(cancel);
        try
        {
            var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            if (!_updated)
            {
                say("apt-get update");
                var update = await ExternalCommand.RunAsync("apt-get", ["update", "-qq"], logPath, TimeSpan.FromMinutes(10), cancel, env);
                if (!update.Succeeded) throw new MatrixSetupException($"apt-get update failed (exit {update.ExitCode?.ToString() ?? "timeout"}): {update.OutputTail}");
                _updated = true;
            }
            say($"apt-get install {string.Join(' ', missing)}");
            var install = await ExternalCommand.RunAsync("apt-get", ["install", "-y", "-qq", .. missing], logPath, TimeSpan.FromMinutes(20), cancel, env);
            if (!install.Succeeded) throw new MatrixSetupException($"apt-get install {string.Join(' ', missing)} failed (exit {install.ExitCode?.ToString() ?? "timeout"}): {install.OutputTail}");
        }
        finally
        {
            Gate.Release();
        }
    }
}
