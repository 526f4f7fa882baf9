using System.Globalization;
using Lab.Engine.Diagnostics;

namespace Lab.Matrix.Host;

/// <summary>
/// Who created a container: host, pid and the pid's start time (proc(5) stat field 22, clock ticks since boot), so a
/// reused pid is not mistaken for the owner. The lab's clean-up removes a container whose owner on this host is gone
/// (a run killed with SIGKILL), and never one that belongs to another live run.
/// </summary>
public sealed record OwnerProcess(string Host, int Pid, long StartTicks)
{
    public static OwnerProcess Current { get; } = new(Environment.MachineName, Environment.ProcessId, StartTicksOf(Environment.ProcessId) ?? 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}/{Pid}/{StartTicks}");

    public static OwnerProcess? Parse(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 3 } && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)
               && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks)
            ? new OwnerProcess(parts[0], pid, ticks)
            : null;
    }

    /// <summary>False only when the owner is known to be gone: same host, and no process with that pid and start time.
    /// An owner on another host is assumed alive (its own run cleans up).</summary>
    public bool IsAlive => Host != Environment.MachineName || StartTicksOf(Pid) == StartTicks;

    private static long? StartTicksOf(int pid) => ProcStat.Read(pid)?.StartTicks;
}
