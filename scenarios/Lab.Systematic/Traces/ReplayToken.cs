using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Lab.Systematic.Exploration;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Traces;

/// <summary>
/// A schedule as one copy-pasteable word: <c>lab1.</c> followed by base64url (no padding) of the raw-deflated bytes
/// <c>"LS" 1 | program | strategy | seed | iteration | maxSteps | bugKind bugStep | n | n steps | FNV-1a-32</c>, strings
/// as varint length + UTF-8 and numbers as LEB128 varints. Each step is one varint
/// <c>choice &lt;&lt; 6 | kind &lt;&lt; 2 | type</c> (type 3, a kill, came later: older tokens never use it); its operation is implied (op 0 first, then the last scheduling
/// step's choice), so a token replays with the same step checks as a trace file. The bug message is not in the token:
/// a token replay matches the bug by kind and step.
/// </summary>
public static class ReplayToken
{
    private const string Prefix = "lab1.";
    private const byte Version = 1;

    public static string Encode(Schedule schedule)
    {
        var body = new List<byte> { (byte)'L', (byte)'S', Version };
        WriteString(body, schedule.Program);
        WriteString(body, schedule.Strategy);
        WriteVarint(body, schedule.Seed);
        WriteVarint(body, (ulong)schedule.Iteration);
        WriteVarint(body, (ulong)schedule.MaxSteps);
        WriteVarint(body, schedule.Bug is null ? 0UL : (ulong)schedule.Bug.Kind + 1);
        WriteVarint(body, (ulong)(schedule.Bug?.Step ?? 0));
        WriteVarint(body, (ulong)schedule.Steps.Count);
        foreach (var step in schedule.Steps)
            WriteVarint(body, ((ulong)step.Choice << 6) | ((ulong)step.Kind << 2) | (ulong)step.Type);
        Span<byte> hash = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(hash, Fnv1a(body));
        body.AddRange(hash.ToArray());

        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(body.ToArray());
        return Prefix + Convert.ToBase64String(packed.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool LooksLikeToken(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <exception cref="FormatException">Not a token of this version, or damaged (the checksum does not match).</exception>
    public static Schedule Decode(string token)
    {
        if (!LooksLikeToken(token)) throw new FormatException($"not a replay token: it does not start with '{Prefix}'");
        byte[] body;
        try
        {
            var text = token[Prefix.Length..].Replace('-', '+').Replace('_', '/');
            var packed = Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
            using var inflate = new DeflateStream(new MemoryStream(packed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            inflate.CopyTo(output);
            body = output.ToArray();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new FormatException($"not a replay token: {e.Message}", e);
        }
        if (body.Length < 7 || body[0] != 'L' || body[1] != 'S' || body[2] != Version)
            throw new FormatException("not a replay token of this version");
        var content = body.AsSpan(0, body.Length - 4);
        if (BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(body.Length - 4)) != Fnv1a(content))
            throw new FormatException("the replay token is damaged (checksum mismatch)");

        var at = 3;
        var program = ReadString(content, ref at);
        var strategy = ReadString(content, ref at);
        var seed = ReadVarint(content, ref at);
        var iteration = checked((int)ReadVarint(content, ref at));
        var maxSteps = checked((int)ReadVarint(content, ref at));
        var bugKind = ReadVarint(content, ref at);
        var bugStep = checked((int)ReadVarint(content, ref at));
        var count = checked((int)ReadVarint(content, ref at));
        var steps = new List<TraceStep>(count);
        var running = 0;
        for (var i = 0; i < count; i++)
        {
            var packedStep = ReadVarint(content, ref at);
            var type = (StepType)(packedStep & 3);
            var kind = (SchedulingPointKind)((packedStep >> 2) & 15);
            var choice = checked((int)(packedStep >> 6));
            if (!Enum.IsDefined(type) || !Enum.IsDefined(kind)) throw new FormatException($"the replay token has a bad step {i + 1}");
            steps.Add(type switch
            {
                StepType.Schedule => TraceStep.Scheduled(running, kind, choice, preemption: false),
                StepType.Kill => TraceStep.Killed(running, kind, choice),
                _ => TraceStep.Value(running, type, choice),
            });
            if (type == StepType.Schedule) running = choice;
        }
        if (at != content.Length) throw new FormatException("the replay token has trailing bytes");
        var bug = bugKind == 0 ? null : new Bug((BugKind)(int)(bugKind - 1), "", bugStep);
        if (bug is not null && !Enum.IsDefined(bug.Kind)) throw new FormatException("the replay token names an unknown bug kind");
        return new Schedule(program, strategy, seed, iteration, maxSteps, steps, bug);
    }

    private static void WriteString(List<byte> into, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteVarint(into, (ulong)bytes.Length);
        into.AddRange(bytes);
    }

    private static string ReadString(ReadOnlySpan<byte> from, ref int at)
    {
        var length = checked((int)ReadVarint(from, ref at));
        if (at + length > from.Length) throw new FormatException("the replay token is truncated");
        var value = Encoding.UTF8.GetString(from.Slice(at, length));
        at += length;
        return value;
    }

    private static void WriteVarint(List<byte> into, ulong value)
    {
        while (value >= 0x80)
        {
            into.Add((byte)(value | 0x80));
            value >>= 7;
        }
        into.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= from.Length) throw new FormatException("the replay token is truncated");
            var b = from[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("the replay token has an overlong number");
    }

    private static uint Fnv1a(IEnumerable<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return hash;
    }
}
