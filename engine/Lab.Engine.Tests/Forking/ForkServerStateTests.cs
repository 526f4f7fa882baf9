using Lab.Engine.Processes;
using Xunit;

namespace Lab.Engine.Tests.Forking;

/// <summary>Children get the server's state, not the parent's; the preload is loaded before any target runs; objects
/// passed as arguments are inherited as under spawn (issue #6 §6; CPython forkserver.py, set_forkserver_preload).</summary>
[Collection(ForkServerCollection.Name)]
public class ForkServerStateTests
{
    private static readonly ProcessContext Context = Multiprocessing.GetContext(StartMethod.ForkServer);

    [Fact]
    public void ForkServerChild_StaticSetByParent_SeesTheDefault()
    {
        ForkServerTargets.ParentSetValue = 42;
        try
        {
            using var p = Context.Process(ForkServerTargets.ExitWithParentSetValue).RunToEnd();
            Assert.Equal(0, p.ExitCode);
        }
        finally
        {
            ForkServerTargets.ParentSetValue = 0;
        }
    }

    [Fact]
    public void ForkServerPreload_AssemblyName_IsLoadedBeforeTheTargetRuns()
    {
        const string assembly = "System.Xml.Linq";
        ForkServer.Stop();
        Multiprocessing.SetForkServerPreload([assembly]);
        try
        {
            using var preloaded = Context.Process(ForkServerTargets.ExitTenIfLoaded, [assembly]).RunToEnd();
            Assert.Equal(10, preloaded.ExitCode);
        }
        finally
        {
            Multiprocessing.SetForkServerPreload([]);
            ForkServer.Stop();
        }
        // Control: without the preload, nothing on the child path loads it.
        using var plain = Context.Process(ForkServerTargets.ExitTenIfLoaded, [assembly]).RunToEnd();
        Assert.Equal(11, plain.ExitCode);
    }

    [Fact]
    public void ForkServerPreload_SetWhileServerRuns_AppliesOnlyToTheNextServer()
    {
        const string assembly = "System.Xml.Linq";
        ForkServer.EnsureRunning();
        Multiprocessing.SetForkServerPreload([assembly]);
        try
        {
            using var p = Context.Process(ForkServerTargets.ExitTenIfLoaded, [assembly]).RunToEnd();
            Assert.Equal(11, p.ExitCode);
        }
        finally
        {
            Multiprocessing.SetForkServerPreload([]);
            ForkServer.Stop();
        }
    }

    [Fact]
    public void ForkServerPreload_UnknownAssembly_StartThrowsNamingIt()
    {
        ForkServer.Stop();
        Multiprocessing.SetForkServerPreload(["No.Such.Assembly.For.The.Lab"]);
        try
        {
            using var p = Context.Process(Targets.Noop);
            var e = Assert.Throws<ProcessStartError>(p.Start);
            Assert.Contains("No.Such.Assembly.For.The.Lab", e.Message);
            Assert.Null(p.Pid);
        }
        finally
        {
            Multiprocessing.SetForkServerPreload([]);
            ForkServer.Stop();
        }
    }

    [Fact]
    public void SetForkServerPreload_EmptyEntry_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Multiprocessing.SetForkServerPreload(["System.Xml", " "]));
    }

    [Fact]
    public void ForkServerChild_QueueLockAndSharedValueArguments_WorkAcrossTheServer()
    {
        using var queue = Context.Queue();
        using var @lock = Context.Lock();
        using var counter = Context.Value(0);
        using var p = Context.Process(ForkServerTargets.PutUnderLock, [queue, @lock, counter]);
        p.Start();
        Assert.Equal($"pid {p.Pid}", queue.Get(timeout: Limits.Join));
        p.JoinOrFail();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(1, counter.Value);
        Assert.True(@lock.Acquire(block: false));
        @lock.Release();
    }

    [Fact]
    public void ForkServerChild_EventArgument_ReleasesTheChild()
    {
        using var go = Context.Event();
        using var p = Context.Process(ForkServerTargets.WaitThenExit, [go, 5]);
        p.Start();
        Assert.True(p.IsAlive);
        go.Set();
        p.JoinOrFail();
        Assert.Equal(5, p.ExitCode);
    }
}
