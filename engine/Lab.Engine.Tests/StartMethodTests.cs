using Xunit;

namespace Lab.Engine.Tests;

/// <summary>Start methods (seeds 59.4 to 59.7): `fork` cannot work under a .NET runtime and is refused with an
/// error that names the alternatives, as CPython refuses `fork` on Windows (DESIGN.md "Why the engine has no fork").</summary>
public class StartMethodTests
{
    [Fact]
    public void MultiprocessingGetContext_Fork_ThrowsNamingSpawnAndForkserver()
    {
        var e = Assert.Throws<StartMethodNotAvailableError>(() => Multiprocessing.GetContext(StartMethod.Fork));
        Assert.Contains("'spawn'", e.Message);
        Assert.Contains("'forkserver'", e.Message);
        Assert.Contains("fork", e.Message);
    }

    [Fact]
    public void MultiprocessingAllStartMethods_OnLinux_ContainsSpawnAndForkserverAndNotFork()
    {
        Assert.Contains(StartMethod.Spawn, Multiprocessing.AllStartMethods);
        Assert.Contains(StartMethod.ForkServer, Multiprocessing.AllStartMethods);
        Assert.DoesNotContain(StartMethod.Fork, Multiprocessing.AllStartMethods);
        Assert.Equal(StartMethod.Spawn, Multiprocessing.DefaultStartMethod);
    }

    [Fact]
    public void ProcessContextSpawn_ProcessFromIt_RunsWithSpawn()
    {
        var context = Multiprocessing.GetContext(StartMethod.Spawn);
        using var p = context.Process(Targets.ExitWith, [9]).RunToEnd();
        Assert.Equal(StartMethod.Spawn, p.StartMethod);
        Assert.Equal(9, p.ExitCode);
    }

    [Fact]
    public void MultiprocessingGetContext_ForkServer_GivesAForkServerContext()
    {
        // Processes of this context are started in Forking/ (one collection, one server at a time).
        var context = Multiprocessing.GetContext(StartMethod.ForkServer);
        Assert.Equal(StartMethod.ForkServer, context.StartMethod);
        Assert.Same(context, Multiprocessing.GetContext(StartMethod.ForkServer));
    }
}
