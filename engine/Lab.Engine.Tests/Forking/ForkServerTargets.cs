using Lab.Engine.Processes;
using Lab.Engine.Queues;
using Lab.Engine.SharedMemory;
using Lab.Engine.Synchronization;

namespace Lab.Engine.Tests.Forking;

/// <summary>Targets for forkserver children.</summary>
public static class ForkServerTargets
{
    /// <summary>Set by a test in the parent; a forkserver child has the server's state, so it sees the default.</summary>
    public static int ParentSetValue;

    public static void ExitWithParentSetValue() => throw new SystemExit(ParentSetValue);

    /// <summary>Exit 10 if the assembly is already loaded when the target starts, 11 if not.</summary>
    public static void ExitTenIfLoaded(string assemblyName) =>
        throw new SystemExit(AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == assemblyName) ? 10 : 11);

    public static void ExitWithStartMethodAndParent(int parentPid) =>
        throw new SystemExit(CurrentProcess.StartMethod == StartMethod.ForkServer && CurrentProcess.ParentPid == parentPid ? 0 : 1);

    public static void WaitThenExit(ProcessEvent go, int code)
    {
        if (!go.Wait(TimeSpan.FromSeconds(30))) throw new SystemExit(99);
        throw new SystemExit(code);
    }

    public static void WaitThenAbort(ProcessEvent go)
    {
        if (!go.Wait(TimeSpan.FromSeconds(30))) throw new SystemExit(99);
        Lab.Engine.Interop.Libc.abort();
    }

    public static void PutUnderLock(ProcessQueue queue, ProcessLock @lock, SharedValue<int> counter)
    {
        using (@lock.Hold()) counter.Value += 1;
        queue.Put($"pid {Environment.ProcessId}");
        queue.Close();
        queue.JoinThread(TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts a forkserver daemon, reports its pid and the server's to the test, then blocks until killed.</summary>
    public static void StartForkServerDaemonThenBlock(string handshake)
    {
        var daemon = Multiprocessing.GetContext(StartMethod.ForkServer).Process(Targets.SleepForever, daemon: true);
        daemon.Start();
        Handshake.Send(handshake, FormattableString.Invariant($"{daemon.Pid} {ForkServer.ServerPid}"));
        Thread.Sleep(Timeout.Infinite);
    }
}
