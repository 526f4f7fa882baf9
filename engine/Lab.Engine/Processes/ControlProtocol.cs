using Lab.Engine.Serialization;
using Lab.Engine.Targets;

namespace Lab.Engine.Processes;

/// <summary>What the worker reports just before it exits (one frame on its fd 4).</summary>
internal sealed record ExitReport(int Code, RemoteError? Error, long? PeakResidentKiB);

/// <summary>What the parent tells the worker (one frame on the child's fd 3). The arguments are a nested encoded
/// value, decoded once the worker knows where its inherited descriptors are (fd_base .. fd_base + fd_count - 1).</summary>
internal sealed record Bootstrap(TargetMethod Target, byte[] Args, string Name, bool Daemon, int ParentPid, StartMethod StartMethod,
    int InheritedFdBase, int InheritedFdCount, bool Scheduled = false);

/// <summary>
/// The structured messages between parent and worker: one bootstrap frame in, at most one exit report out
/// (fd 4). Both are channel values (dictionaries), so the one serialization primitive carries everything.
/// </summary>
internal static class ControlProtocol
{
    public const int Version = 2;
    public const int ChildInFd = 3;
    public const int ChildOutFd = 4;

    /// <summary>With bootstrap "scheduled": the child's end of its scheduler channel (issue #5 §3, Scheduling/ChildChannel.cs).</summary>
    public const int SchedulerFd = 5;

    /// <summary>Reports stay far below a pipe's 64 KiB buffer, so a child never blocks writing its report
    /// even if the parent reads it only after the child has exited.</summary>
    public const int MaxTracebackChars = 16 * 1024;

    public static byte[] EncodeBootstrap(Bootstrap b) => ChannelEncoder.Encode(new Dictionary<string, object?>
    {
        ["protocol"] = Version,
        ["target"] = b.Target.ToTuple(),
        ["args"] = b.Args,
        ["name"] = b.Name,
        ["daemon"] = b.Daemon,
        ["parent_pid"] = b.ParentPid,
        ["start_method"] = b.StartMethod.ToName(),
        ["fd_base"] = b.InheritedFdBase,
        ["fd_count"] = b.InheritedFdCount,
        ["scheduled"] = b.Scheduled,
    });

    public static Bootstrap DecodeBootstrap(byte[] frame)
    {
        if (ChannelDecoder.Decode(frame) is not Dictionary<string, object?> d || d.GetValueOrDefault("protocol") is not Version)
            throw new ChannelFormatError($"the bootstrap frame is not a protocol-{Version} dictionary (parent and worker from different builds?)");
        var t = (object?[])d["target"]!;
        return new Bootstrap(
            TargetMethod.FromTuple(t),
            (byte[])d["args"]!, (string)d["name"]!, (bool)d["daemon"]!, (int)d["parent_pid"]!, StartMethods.Parse((string)d["start_method"]!),
            (int)d["fd_base"]!, (int)d["fd_count"]!, d.GetValueOrDefault("scheduled") is true);
    }

    public static byte[] EncodeExit(ExitReport report) => ChannelEncoder.Encode(new Dictionary<string, object?>
    {
        ["event"] = "exit",
        ["code"] = report.Code,
        ["error"] = report.Error is { } e ? new object?[] { e.Type, e.Message, Truncate(e.Traceback) } : null,
        ["peak_rss_kib"] = report.PeakResidentKiB,
    });

    /// <summary>The child's exit report, or null if the frame is something else.</summary>
    public static ExitReport? DecodeExit(byte[] frame)
    {
        if (ChannelDecoder.Decode(frame) is not Dictionary<string, object?> d || d.GetValueOrDefault("event") is not "exit") return null;
        var error = d.GetValueOrDefault("error") is object?[] { Length: 3 } e ? new RemoteError((string)e[0]!, (string)e[1]!, (string)e[2]!) : null;
        return new ExitReport((int)d["code"]!, error, d.GetValueOrDefault("peak_rss_kib") as long?);
    }

    private static string Truncate(string s) => s.Length <= MaxTracebackChars ? s : s[..MaxTracebackChars] + "\n[traceback truncated]";
}
