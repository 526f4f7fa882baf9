using Xunit;

namespace Lab.Engine.Tests.Pools;

public class PoolLifecycleTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    internal static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Pool_FewerThanOneProcess_IsAnArgumentError(int processes) => Bounded.Run(() =>
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Pool(processes));
        Assert.Contains("Number of processes must be at least 1", error.Message);
    });

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Pool_MaxTasksPerChildNotPositive_IsAnArgumentError(int max) => Bounded.Run(() =>
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Pool(1, maxTasksPerChild: max));
        Assert.Contains("maxtasksperchild must be a positive int or None", error.Message);
    });

    [Fact]
    public void Pool_DefaultProcesses_IsProcessorCount() => Bounded.Run(() =>
    {
        using var pool = new Pool();
        Assert.Equal(Environment.ProcessorCount, pool.Processes);
        Assert.Equal(Environment.ProcessorCount, pool.WorkerPids.Count);
    });

    [Fact]
    public void Join_BeforeCloseOrTerminate_IsAStateError() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<PoolStateError>(() => pool.Join(Wait));
        Assert.Equal("Pool is still running", error.Message);
    });

    [Fact]
    public void Close_ThenSubmit_RaisesPoolNotRunning_PendingWorkStillCompletes() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var pids = pool.WorkerPids.ToList();
        var pending = pool.MapAsync<int, int>(PoolTargets.Square, Enumerable.Range(0, 500), 1);
        pool.Close();
        Assert.Equal("Pool not running", Assert.Throws<PoolStateError>(() => pool.Map<int, int>(PoolTargets.Square, [1])).Message);
        Assert.Throws<PoolStateError>(() => pool.Apply<int>((Func<int, int>)PoolTargets.Square, 1));
        Assert.Throws<PoolStateError>(() => pool.ApplyAsync<int>((Func<int, int>)PoolTargets.Square, [1]));
        Assert.Throws<PoolStateError>(() => pool.IMap<int, int>(PoolTargets.Square, [1]));
        Assert.Throws<PoolStateError>(() => pool.StarMapAsync<int>((Func<int, int, int>)PoolTargets.Add, [[1, 2]]));
        Assert.True(pool.Join(Wait));
        Assert.Equal(Enumerable.Range(0, 500).Select(PoolTargets.Square), pending.Get(TimeSpan.Zero));
        Assert.Empty(pool.WorkerPids);
        Assert.All(pids, pid => Assert.False(Exists(pid)));
    });

    [Fact]
    public void Terminate_ThenSubmit_RaisesPoolNotRunning_JoinReturns() => Bounded.Run(() =>
    {
        var pool = new Pool(2);
        var pids = pool.WorkerPids.ToList();
        pool.Terminate();
        Assert.Throws<PoolStateError>(() => pool.Map<int, int>(PoolTargets.Square, [1]));
        Assert.True(pool.Join(Wait));
        Assert.All(pids, pid => Assert.False(Exists(pid)));
        pool.Dispose();
    });

    [Fact]
    public void Dispose_WithWorkInFlight_LeavesNoWorkerProcesses() => Bounded.Run(() =>
    {
        List<int> pids;
        AsyncResult<int> pending;
        using var queue = new Lab.Engine.Queues.ProcessQueue();
        using (var pool = new Pool(2, (Action<Lab.Engine.Queues.ProcessQueue>)PoolTargets.KeepQueue, [queue]))
        {
            pids = pool.WorkerPids.ToList();
            pending = pool.ApplyAsync<int>((Func<int, int>)PoolTargets.AnnounceAndHang, [1]);
            Assert.Contains((int)queue.Get(timeout: Wait)!, pids);
        }
        Assert.All(pids, pid => Assert.False(Exists(pid)));
        Assert.True(pending.Ready);
        Assert.Throws<PoolStateError>(() => pending.Get(Wait));
    });

    [Fact]
    public void Context_Pool_UsesThatContext() => Bounded.Run(() =>
    {
        using var pool = Multiprocessing.GetContext(StartMethod.Spawn).Pool(2);
        Assert.Equal(2, pool.Processes);
        Assert.Equal(9, pool.Apply<int>((Func<int, int>)PoolTargets.Square, 3));
    });
}
