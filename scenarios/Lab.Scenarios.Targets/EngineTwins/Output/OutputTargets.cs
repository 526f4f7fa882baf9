using Lab.Engine;
using Lab.Engine.Connections;
using Microsoft.Win32.SafeHandles;

namespace Lab.Scenarios.EngineTwins.Output;

/// <summary>What the Output twins run in engine children, and the parent's reading of the lines.</summary>
public static class OutputTargets
{
    /// <summary>Writes <paramref name="lines"/> lines of <paramref name="lineBytes"/> bytes (the writer's letter, then a
    /// newline) into the pipe, each with one write(2): a FileStream without a buffer over the pipe's descriptor.</summary>
    [ProcessTarget]
    public static void WriteLines(Connection writer, int index, int lines, int lineBytes)
    {
        var line = Line(index, lineBytes);
        using var stream = new FileStream(new SafeFileHandle(writer.Fileno, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        for (var i = 0; i < lines; i++) stream.Write(line);
    }

    public static byte[] Line(int index, int lineBytes)
    {
        var line = new byte[lineBytes];
        Array.Fill(line, (byte)('a' + index));
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Reads the pipe to its end (every writer gone).</summary>
    public static byte[] ReadToEnd(Connection reader)
    {
        using var stream = new FileStream(new SafeFileHandle(reader.Fileno, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        using var all = new MemoryStream();
        stream.CopyTo(all);
        return all.ToArray();
    }

    /// <summary>The lines in <paramref name="data"/> (newline-terminated pieces), and how many are one writer's letter
    /// repeated to the full length: a line that another writer's bytes cut is not whole.</summary>
    public static (int Lines, int Whole) CountLines(ReadOnlySpan<byte> data, int lineBytes)
    {
        var (lines, whole) = (0, 0);
        while (data.Length > 0)
        {
            var end = data.IndexOf((byte)'\n');
            var piece = end < 0 ? data : data[..end];
            if (end >= 0) lines++;
            if (end >= 0 && piece.Length == lineBytes - 1 && piece.Length > 0 && !piece.ContainsAnyExcept(piece[0])) whole++;
            data = end < 0 ? [] : data[(end + 1)..];
        }
        return (lines, whole);
    }
}
