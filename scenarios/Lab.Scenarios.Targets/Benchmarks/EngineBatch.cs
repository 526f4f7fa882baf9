using System.Diagnostics;
using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Processes;
using Process = Lab.Engine.Process;

namespace Lab.Scenarios.Benchmarks;

/// <summary>
/// The protocol every batch benchmark child follows on both subjects (the CPython side is
/// scenarios/cpython/twins/bench_targets.py): the child says "ready" once on its control connection, so that its
/// start-up is never inside a sample, then runs one batch per "go" from the parent. The parent's clock starts
/// just before it sends "go" and stops at the end of the batch's last operation.
/// </summary>
internal static class EngineBatch
{
    public const string Ready = "ready";

    /// <summary>Child side: waits for the next "go" and returns what it carries; a parent silent for
    /// <paramref name="blockSeconds"/> has failed or gone, and the child exits 3.</summary>
    public static object? AwaitGo(Connection control, double blockSeconds)
    {
        if (!control.Poll(TimeSpan.FromSeconds(blockSeconds))) throw new SystemExit(3);
        return control.Recv();
    }

    /// <summary>Parent side: the child's "ready", or an error that says whether it died first.</summary>
    public static void AwaitReady(Connection control, Process child, TimeSpan wait, string what)
    {
        if (!control.Poll(wait))
            throw new TimeoutException($"{what} (pid {child.Pid}) did not say ready within {wait.TotalSeconds:0} s (alive: {child.IsAlive})");
        object? message;
        try
        {
            message = control.Recv();
        }
        catch (EndOfStreamException)
        {
            child.Join(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException($"{what} exited with {child.ExitCode?.ToString() ?? "nothing yet"} before it said ready{Stderr(child)}");
        }
        if (message is not Ready) throw new InvalidOperationException($"{what} sent {message ?? "null"} instead of '{Ready}'");
    }

    /// <summary>Parent side, after the last batch: the child must exit 0 within the wait.</summary>
    public static void Finish(Process child, TimeSpan wait, string what)
    {
        if (!child.Join(wait)) throw new TimeoutException($"{what} (pid {child.Pid}) did not exit within {wait.TotalSeconds:0} s after its last batch");
        if (child.ExitCode != 0) throw new InvalidOperationException($"{what} exited with {child.ExitCode}{Stderr(child)}");
    }

    public static double Seconds(long startTimestamp, long endTimestamp) => (endTimestamp - startTimestamp) / (double)Stopwatch.Frequency;

    /// <summary>Bytes 0, 1, …, 255, 0, 1, … (the same pattern as the CPython side; the content does not matter to a
    /// copy, but a zero-filled buffer could be backed by the shared zero page).</summary>
    public static byte[] Pattern(int size)
    {
        var data = new byte[size];
        for (var i = 0; i < size; i++) data[i] = (byte)i;
        return data;
    }

    private static string Stderr(Process child) => child.Error is { } e ? $": {e}" : "";
}
