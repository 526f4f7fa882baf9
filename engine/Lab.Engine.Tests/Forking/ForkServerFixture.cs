using Xunit;

namespace Lab.Engine.Tests.Forking;

/// <summary>The forkserver is one per test process: its tests run one at a time, and the server is stopped after
/// them so no process is left behind (ForkServer.Stop; the server would otherwise die with the test process).</summary>
[CollectionDefinition(Name)]
public sealed class ForkServerCollection : ICollectionFixture<ForkServerFixture>
{
    public const string Name = "forkserver";
}

public sealed class ForkServerFixture : IDisposable
{
    public void Dispose()
    {
        Multiprocessing.SetForkServerPreload([]);
        ForkServer.Stop();
    }
}
