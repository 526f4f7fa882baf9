using Lab.Engine;
using Lab.Engine.Connections;

namespace Lab.Scenarios.EngineTwins.Pipes;

/// <summary>Targets run in engine children for the pipe scenarios (seeds 59.13 Pipes).</summary>
public static class PipeTargets
{
    public const int BigMessageBytes = 64 * 1024 * 1024;

    /// <summary>Three messages, the middle one empty: b"a", b"", b"bc".</summary>
    [ProcessTarget]
    public static void SendThree(Connection conn)
    {
        conn.SendBytes("a"u8.ToArray());
        conn.SendBytes([]);
        conn.SendBytes("bc"u8.ToArray());
        conn.Close();
    }

    /// <summary>Returns without sending: its copy of the write end closes as it exits.</summary>
    [ProcessTarget]
    public static void ExitSilently(Connection conn) { }

    /// <summary>Announces, then sends one 64 MiB message, which blocks on the full pipe until the parent kills it
    /// in the middle of the frame.</summary>
    [ProcessTarget]
    public static void AnnounceThenSendBig(Connection conn, int size)
    {
        conn.Send("sending");
        conn.SendBytes(new byte[size]);
    }
}
