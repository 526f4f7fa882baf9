namespace Lab.Matrix.Host;

/// <summary>Whether this process may install packages and start a Docker daemon (euid 0, read from /proc, so no libc
/// call is needed outside the engine's Interop folder).</summary>
public static class Privileges
{
    public static bool IsRoot => EffectiveUid() == 0;

    private static int? EffectiveUid()
    {
        try
        {
            // proc(5), /proc/[pid]/status: "Uid:  real  effective  saved  filesystem".
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 3 } && int.TryParse(fields[2], out var uid) ? uid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
