using System.Globalization;

namespace Lab.Engine.Diagnostics;

/// <summary>
/// The fields of /proc/&lt;pid&gt;/stat (proc(5)) that the engine and the lab read: the command name (field 2), the
/// state letter (3), the parent pid (4) and the start time in clock ticks since boot (22). The one parser of that file
/// in the repository.
/// </summary>
internal readonly record struct ProcStat(int Pid, string Comm, char State, int ParentPid, long StartTicks)
{
    /// <summary>The process has exited and waits to be reaped (state Z).</summary>
    public bool IsZombie => State == 'Z';

    /// <summary>Null when there is no such process (or it vanished while being read) or the file cannot be parsed.</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(text);
    }

    /// <summary>"pid (comm) state ppid … starttime …": comm may hold spaces and parentheses, so it ends at the last ')'.
    /// Null if <paramref name="text"/> does not have that shape.</summary>
    public static ProcStat? Parse(string text)
    {
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open < 1 || close < open || close + 2 > text.Length) return null;
        if (!int.TryParse(text.AsSpan(0, open).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)) return null;
        // Fields from the 3rd (state) on; the start time is field 22, index 19 here.
        var rest = text[(close + 2)..].Split(' ');
        if (rest.Length < 20 || rest[0].Length != 1) return null;
        if (!int.TryParse(rest[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parentPid)) return null;
        if (!long.TryParse(rest[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var startTicks)) return null;
        return new ProcStat(pid, text[(open + 1)..close], rest[0][0], parentPid, startTicks);
    }
}
