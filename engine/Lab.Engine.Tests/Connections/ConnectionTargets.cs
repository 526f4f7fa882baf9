using Lab.Engine.Connections;
using Lab.Engine.Processes;

namespace Lab.Engine.Tests.Connections;

public static class ConnectionTargets
{
    /// <summary>Receives values and sends each back wrapped in a one-element list, until end of file.</summary>
    public static void Echo(Connection conn)
    {
        try
        {
            while (true) conn.Send(new List<object?> { conn.Recv() });
        }
        catch (EndOfStreamException)
        {
        }
    }

    public static void EchoBytes(Connection conn)
    {
        try
        {
            while (true) conn.SendBytes(conn.RecvBytes());
        }
        catch (EndOfStreamException)
        {
        }
    }

    public static void SendThree(Connection conn)
    {
        conn.SendBytes([1]);
        conn.SendBytes([]);
        conn.SendBytes([2, 3]);
    }

    public static void ExitWithoutSending(Connection conn) => throw new SystemExit(0);

    /// <summary>Says so, then sends a message far larger than any pipe or socket buffer; blocks until read or killed.</summary>
    public static void SendHuge(Connection conn)
    {
        conn.Send("sending");
        conn.SendBytes(new byte[64 * 1024 * 1024]);
    }
}
