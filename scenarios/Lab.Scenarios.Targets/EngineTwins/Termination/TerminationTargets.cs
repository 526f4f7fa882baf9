using Lab.Engine;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Termination;

public static class TerminationTargets
{
    /// <summary>Says ready, blocks, and would write the marker in its finally block.</summary>
    [ProcessTarget]
    public static void BlockWithFinally(string rendezvous, string marker)
    {
        using var peer = Rendezvous.Connect(rendezvous);
        try
        {
            peer.SendLine("ready");
            peer.ReceiveLine();
        }
        finally
        {
            File.WriteAllText(marker, "finally ran");
        }
    }

    /// <summary>Cooperative shutdown: says ready, waits for the "stop" message, returns through its finally.</summary>
    [ProcessTarget]
    public static void WaitForStopWithFinally(string rendezvous, string marker)
    {
        using var peer = Rendezvous.Connect(rendezvous);
        try
        {
            peer.SendLine("ready");
            if (peer.ReceiveLine() != "stop") throw new InvalidOperationException("expected a stop message");
        }
        finally
        {
            File.WriteAllText(marker, "finally ran");
        }
    }

    /// <summary>The middle process of daemon-dies-with-parent: starts a daemon, reports its pid, blocks.</summary>
    [ProcessTarget]
    public static void StartDaemonThenBlock(string rendezvous)
    {
        var daemon = new Process(Block, [rendezvous], daemon: true);
        daemon.Start();
        using var peer = Rendezvous.Connect(rendezvous);
        peer.SendLine($"daemon {daemon.Pid}");
        peer.ReceiveLine();
    }

    [ProcessTarget]
    public static void Block(string rendezvous)
    {
        using var peer = Rendezvous.Connect(rendezvous);
        peer.ReceiveLine();
    }

    /// <summary>A daemon that tries to start a child; exits 0 if refused with CPython's message, 3 otherwise.</summary>
    [ProcessTarget]
    public static void DaemonStartsChild()
    {
        try
        {
            new Process(ExitCodes.ExitCodeTargets.Return).Start();
        }
        catch (InvalidOperationException e) when (e.Message == "daemonic processes are not allowed to have children")
        {
            throw new Lab.Engine.Processes.SystemExit(0);
        }
        throw new Lab.Engine.Processes.SystemExit(3);
    }
}
