using Lab.Engine;
using Lab.Engine.Processes;
using Lab.Engine.Synchronization;

namespace Lab.Scenarios.Benchmarks;

/// <summary>The partner child of lock-handoff.</summary>
public static class LockHandoffTargets
{
    /// <summary>The child's side: ready once, then <paramref name="total"/> times acquire ping, release pong.</summary>
    [ProcessTarget]
    public static void Partner(ProcessSemaphore ping, ProcessSemaphore pong, int total, double blockSeconds)
    {
        var wait = TimeSpan.FromSeconds(blockSeconds);
        pong.Release();
        for (var i = 0; i < total; i++)
        {
            if (!ping.Acquire(true, wait)) throw new SystemExit(3);
            pong.Release();
        }
    }
}
