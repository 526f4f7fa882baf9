using System.Globalization;
using Xunit;

namespace Lab.Systematic.Tests;

/// <summary>House rule 4 for the Processes tests: after a test, no worker child of this process is left (running or
/// zombie). The programs use memfd regions only; named shared memory is checked once, after every test assembly has
/// ended (run-all.sh): a per-test look at /dev/shm also saw the blocks of the other test assemblies, which run at the
/// same time, and failed tests that had created nothing.</summary>
internal sealed class ProcessLeftovers : IDisposable
{
    public void Dispose()
    {
        var children = WorkerChildren();
        Assert.True(children.Count == 0, $"worker children left behind: {string.Join(", ", children)}");
    }

    /// <summary>Children of this process whose command is the engine's worker (comm is cut to 15 characters, proc(5)).</summary>
    public static List<string> WorkerChildren()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            string text;
            try { text = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            var open = text.IndexOf('(');
            var close = text.LastIndexOf(')');
            if (open < 0 || close < open) continue;
            var comm = text[(open + 1)..close];
            var fields = text[(close + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == Environment.ProcessId.ToString(CultureInfo.InvariantCulture) && comm.StartsWith("Lab.Engine", StringComparison.Ordinal))
                found.Add($"{pid} ({comm}, state {fields[0]})");
        }
        return found;
    }
}
