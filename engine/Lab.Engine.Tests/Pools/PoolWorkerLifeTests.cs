using Xunit;

namespace Lab.Engine.Tests.Pools;

public class PoolWorkerLifeTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    [Fact]
    public void MaxTasksPerChild_ReplacesWorkers_InitializerRunsOncePerWorker() => Bounded.Run(() =>
    {
        var dir = Directory.CreateTempSubdirectory("lab-pool-init-");
        try
        {
            var first = new List<int>();
            using (var pool = new Pool(2, (Action<string>)PoolTargets.RecordInit, [dir.FullName], maxTasksPerChild: 3))
            {
                first.AddRange(pool.WorkerPids);
                // 30 chunks of one: each worker retires after 3, so at least 10 workers take part.
                var pids = pool.Map<int, int>(PoolTargets.Pid, Enumerable.Range(0, 30), 1);
                Assert.True(pids.Distinct().Count() >= 10, $"only {pids.Distinct().Count()} distinct workers ran 30 tasks with maxTasksPerChild 3");
                Assert.All(pids.GroupBy(p => p), g => Assert.True(g.Count() <= 3));
                Assert.All(pool.Map<int, int>(PoolTargets.InitCountHere, Enumerable.Range(0, 10), 1), count => Assert.Equal(1, count));
                Assert.NotEqual(first.Order(), pool.WorkerPids.Order());
                pool.Close();
                Assert.True(pool.Join(Wait));
            }
            var inits = Directory.GetFiles(dir.FullName).Select(Path.GetFileName).ToList();
            // One file per worker process, each written by the first (and only) run of the initializer.
            Assert.All(inits, name => Assert.EndsWith("-1", name));
            Assert.Equal(inits.Count, inits.Select(n => n!.Split('-')[1]).Distinct().Count());
            Assert.True(inits.Count >= 14);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    });

    [Fact]
    public void FailingInitializer_BreaksThePool_NamingInitializerAndExitCode_NotRetried() => Bounded.Run(() =>
    {
        using var pool = new Pool(2, (Action<int>)PoolTargets.FailingInit, [5]);
        var result = pool.MapAsync<int, int>(PoolTargets.Square, Enumerable.Range(0, 10));
        Assert.True(result.Wait(Wait));
        var error = Assert.Throws<BrokenPoolError>(() => result.Get());
        Assert.Contains(nameof(PoolTargets.FailingInit), error.Message);
        Assert.Contains("exit code 1", error.Message);
        Assert.Contains("initializer refuses (5)", error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Throws<BrokenPoolError>(() => pool.Map<int, int>(PoolTargets.Square, [1]));
        pool.Close();
        Assert.True(pool.Join(Wait));
    });

    [Fact]
    public void WorkerKilledDuringLongMap_BrokenPoolNamesPidAndSignal_LaterSubmissionsRaise() => Bounded.Run(() =>
    {
        using var queue = new Lab.Engine.Queues.ProcessQueue();
        var pool = new Pool(2, (Action<Lab.Engine.Queues.ProcessQueue>)PoolTargets.KeepQueue, [queue]);
        try
        {
            var pids = pool.WorkerPids.ToList();
            var result = pool.MapAsync<int, int>(PoolTargets.AnnounceAndHang, Enumerable.Range(0, 8), 1);
            var victim = (int)queue.Get(timeout: Wait)!;
            Assert.Contains(victim, pids);
            Assert.Equal(0, Lab.Engine.Interop.Libc.kill(victim, Lab.Engine.Interop.Libc.SIGKILL));
            Assert.True(result.Wait(Wait), "the map was not failed after its worker died");
            var error = Assert.Throws<BrokenPoolError>(() => result.Get());
            Assert.Equal(victim, error.Pid);
            Assert.Equal(-9, error.ExitCode);
            Assert.Contains($"pid {victim}", error.Message);
            Assert.Contains("exit code -9", error.Message);
            Assert.Throws<BrokenPoolError>(() => pool.Apply<int>((Func<int, int>)PoolTargets.Square, 1));
            pool.Terminate();
            Assert.True(pool.Join(Wait));
            Assert.All(pids, pid => Assert.False(PoolLifecycleTests.Exists(pid)));
        }
        finally
        {
            pool.Dispose();
        }
    });

    [Theory]
    [InlineData(3, 3)]
    [InlineData(137, 137)]
    public void WorkerCallsEnvironmentExit_BrokenPoolWithThatExitCode(int code, int expected) => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var error = Assert.Throws<BrokenPoolError>(() => pool.Map<int, int>(PoolTargets.ExitWith, [code, code, code], 1));
        Assert.Equal(expected, error.ExitCode);
        Assert.Contains($"exit code {expected}", error.Message);
        Assert.Throws<BrokenPoolError>(() => pool.Map<int, int>(PoolTargets.Square, [1]));
    });

    [Fact]
    public void WorkerSegfaults_BrokenPoolWithMinusEleven() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<BrokenPoolError>(() => pool.Apply<int>((Func<int, int>)PoolTargets.Segfault, 0));
        Assert.Equal(-11, error.ExitCode);
        Assert.Contains("exit code -11", error.Message);
    });

    [Fact]
    public void IdleWorkerKilled_IsReplaced_NotAnError() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var before = pool.WorkerPids.ToList();
        Assert.Equal(0, Lab.Engine.Interop.Libc.kill(before[0], Lab.Engine.Interop.Libc.SIGKILL));
        // The pool notices the death on its own; work submitted afterwards runs on the survivors and the replacement.
        Assert.True(SpinWait.SpinUntil(() => !pool.WorkerPids.Contains(before[0]), Wait), "the pool did not notice its worker's death");
        var results = pool.Map<int, int>(PoolTargets.Square, Enumerable.Range(0, 50), 1);
        Assert.Equal(Enumerable.Range(0, 50).Select(PoolTargets.Square), results);
        Assert.DoesNotContain(before[0], pool.WorkerPids);
        Assert.Equal(2, pool.WorkerPids.Count);
    });
}
