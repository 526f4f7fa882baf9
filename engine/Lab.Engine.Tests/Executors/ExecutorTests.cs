using Lab.Engine.Synchronization;
using Lab.Engine.Targets;
using Lab.Engine.Tests.Pools;
using Xunit;

namespace Lab.Engine.Tests.Executors;

/// <summary>ProcessPoolExecutor against CPython's concurrent.futures semantics (Lib/concurrent/futures/process.py and
/// _base.py). Every test is bounded (Bounded.Run) and disposes its executor; waits use events, never sleeps.</summary>
public class ExecutorTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    /// <summary>One worker that can run ExecutorTargets.Block (the events reach it through the initializer).</summary>
    private static ProcessPoolExecutor Blocking(ProcessEvent started, ProcessEvent release) =>
        new(1, initializer: (Action<ProcessEvent, ProcessEvent>)ExecutorTargets.KeepEvents, initArgs: [started, release]);

    [Fact]
    public void Submit_ReturnsTheResult_AndAsyncTargetsAreAwaited() => Bounded.Run(() =>
    {
        using var executor = new ProcessPoolExecutor(2);
        Assert.Equal(49, executor.Submit(ExecutorTargets.Square, 7).WaitAsync(Wait).GetAwaiter().GetResult());
        Assert.Equal(36, executor.Submit<int, int>(ExecutorTargets.SquareLater, 6).WaitAsync(Wait).GetAwaiter().GetResult());
        Assert.Equal("<3>", executor.Submit<string>((Func<int, string>)ExecutorTargets.Show, [3]).WaitAsync(Wait).GetAwaiter().GetResult());
    });

    [Fact]
    public void Map_StreamsInOrder_Blocking_And_Async() => Bounded.Run(() =>
    {
        using var executor = new ProcessPoolExecutor(2);
        var expected = Enumerable.Range(0, 30).Select(x => x * x).ToList();
        Assert.Equal(expected, executor.Map<int, int>(ExecutorTargets.Square, Enumerable.Range(0, 30), chunksize: 4, timeout: Wait));
        Assert.Equal(expected, executor.Map<int, int>(ExecutorTargets.SquareLater, Enumerable.Range(0, 30)).ToList());
        var shown = executor.MapAsync<int, string>(ExecutorTargets.Show, Enumerable.Range(0, 5), 2).ToBlockingEnumerable().ToList();
        Assert.Equal(["<0>", "<1>", "<2>", "<3>", "<4>"], shown);
    });

    [Fact]
    public void Map_FailedItem_RaisesAtItsPosition_WithRemoteTraceback() => Bounded.Run(() =>
    {
        using var executor = new ProcessPoolExecutor(2);
        var seen = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var x in executor.Map<int, int>(ExecutorTargets.FailOnThree, Enumerable.Range(0, 8))) seen.Add(x);
        });
        Assert.Equal([0, 1, 2], seen);
        Assert.Equal("three is not allowed (got 3)", error.Message);
        var remote = Assert.IsType<RemoteTaskError>(error.InnerException);
        Assert.Contains(nameof(ExecutorTargets.FailOnThree), remote.RemoteTraceback);
    });

    [Fact]
    public void Submit_Lambda_RefusedBeforeAnyChildRunsIt() => Bounded.Run(() =>
    {
        using var executor = new ProcessPoolExecutor(1);
        var offset = 3;
        Action submitClosure = () => executor.Submit<int>((Func<int, int>)(x => x + offset), [1]);
        Assert.Throws<InvalidTargetError>(submitClosure);
        Assert.Throws<InvalidTargetError>(() => executor.Map<int, int>(x => x * 2, [1, 2]));
    });

    [Fact]
    public void BadArguments_CPythonMessages()
    {
        Assert.Contains("max_workers must be greater than 0", Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolExecutor(0)).Message);
        Assert.Contains("max_tasks_per_child must be >= 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolExecutor(1, maxTasksPerChild: 0)).Message);
    }

    [Fact]
    public void Cancel_BeforeStart_RemovesTheTask_RunningOneCompletes() => Bounded.Run(() =>
    {
        using var started = new ProcessEvent();
        using var release = new ProcessEvent();
        using var executor = Blocking(started, release);
        using var runningCts = new CancellationTokenSource();
        var running = executor.Submit(ExecutorTargets.Block, 0, runningCts.Token);
        Assert.True(started.Wait(Wait));
        var tokens = Enumerable.Range(0, 6).Select(_ => new CancellationTokenSource()).ToList();
        var queued = tokens.Select((cts, i) => executor.Submit(ExecutorTargets.Square, i + 1, cts.Token)).ToList();
        // The worker holds at most two chunks (the running one and one more): the last ones are still pending.
        runningCts.Cancel();
        tokens[^1].Cancel();
        tokens[^2].Cancel();
        Assert.False(running.IsCanceled);
        Assert.True(queued[^1].IsCanceled);
        Assert.True(queued[^2].IsCanceled);
        release.Set();
        Assert.Equal(0, running.WaitAsync(Wait).GetAwaiter().GetResult());
        for (var i = 0; i < 4; i++) Assert.Equal((i + 1) * (i + 1), queued[i].WaitAsync(Wait).GetAwaiter().GetResult());
        foreach (var cts in tokens) cts.Dispose();
    });

    [Fact]
    public void Shutdown_CancelFutures_CancelsPending_RunningFinishes_LaterSubmitRefused() => Bounded.Run(() =>
    {
        using var started = new ProcessEvent();
        using var release = new ProcessEvent();
        using var executor = Blocking(started, release);
        var running = executor.Submit(ExecutorTargets.Block, 5);
        Assert.True(started.Wait(Wait));
        var queued = Enumerable.Range(0, 6).Select(i => executor.Submit(ExecutorTargets.Square, i)).ToList();
        executor.Shutdown(wait: false, cancelFutures: true);
        Action submit = () => executor.Submit(ExecutorTargets.Square, 1);
        var error = Assert.Throws<PoolStateError>(submit);
        Assert.Equal("cannot schedule new futures after shutdown", error.Message);
        release.Set();
        executor.Shutdown(wait: true);
        Assert.Equal(5, running.Result);
        Assert.All(queued, t => Assert.True(t.IsCompleted));
        Assert.True(queued[^1].IsCanceled);
        Assert.True(queued.Count(t => t.IsCanceled) >= 4);
    });

    [Fact]
    public void Map_Timeout_RaisesTimeoutException_AndCancelsTheRest() => Bounded.Run(() =>
    {
        using var started = new ProcessEvent();
        using var release = new ProcessEvent();
        using var executor = Blocking(started, release);
        var results = executor.Map<int, int>(ExecutorTargets.Block, Enumerable.Range(0, 6), timeout: TimeSpan.Zero);
        Assert.Throws<TimeoutException>(() => results.ToList());
        release.Set();
    });

    [Fact]
    public void MapAsync_TokenCancelled_RaisesOperationCanceled_AndTheExecutorGoesOn() => Bounded.Run(() =>
    {
        using var started = new ProcessEvent();
        using var release = new ProcessEvent();
        using var executor = Blocking(started, release);
        using var cts = new CancellationTokenSource();
        var results = executor.MapAsync<int, int>(ExecutorTargets.Block, Enumerable.Range(0, 6), cancellationToken: cts.Token).GetAsyncEnumerator();
        Assert.True(started.Wait(Wait));
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => results.MoveNextAsync().AsTask().WaitAsync(Wait).GetAwaiter().GetResult());
        results.DisposeAsync().AsTask().WaitAsync(Wait).GetAwaiter().GetResult();
        release.Set();
        Assert.Equal(4, executor.Submit(ExecutorTargets.Square, 2).WaitAsync(Wait).GetAwaiter().GetResult());
    });

    [Fact]
    public void WorkerKilled_PendingAndLaterSubmissionsFailWithBrokenPool_NamingPidAndExitCode() => Bounded.Run(() =>
    {
        using var started = new ProcessEvent();
        using var release = new ProcessEvent();
        using var executor = Blocking(started, release);
        var running = executor.Submit(ExecutorTargets.Block, 0);
        var pending = Enumerable.Range(0, 4).Select(i => executor.Submit(ExecutorTargets.Square, i)).ToList();
        Assert.True(started.Wait(Wait));
        var pid = Assert.Single(executor.WorkerPids);
        using (var victim = System.Diagnostics.Process.GetProcessById(pid)) victim.Kill();
        foreach (var task in pending.Prepend(running))
        {
            var error = Assert.ThrowsAny<BrokenPoolError>(() => task.WaitAsync(Wait).GetAwaiter().GetResult());
            Assert.Equal(pid, error.Pid);
            Assert.Equal(-9, error.ExitCode);
            Assert.Contains($"pid {pid}", error.Message);
            Assert.Contains("exit code -9", error.Message);
        }
        Action submit = () => executor.Submit(ExecutorTargets.Square, 1);
        Assert.Throws<BrokenPoolError>(submit);
    });

    [Fact]
    public void MaxTasksPerChild_ReplacesWorkers() => Bounded.Run(() =>
    {
        using var executor = new ProcessPoolExecutor(1, maxTasksPerChild: 2);
        var pids = Enumerable.Range(0, 6).Select(i => executor.Submit(ExecutorTargets.Pid, i).WaitAsync(Wait).GetAwaiter().GetResult()).ToList();
        var order = pids.Distinct().ToList();
        Assert.Equal([0, 0, 1, 1, 2, 2], pids.Select(p => order.IndexOf(p)));
    });

    [Fact]
    public async Task DisposeAsync_WaitsForPendingWork()
    {
        var executor = new ProcessPoolExecutor(2);
        var last = executor.Submit(ExecutorTargets.Square, 9);
        await executor.DisposeAsync().AsTask().WaitAsync(Wait);
        Assert.True(last.IsCompletedSuccessfully);
        Assert.Equal(81, await last);
    }
}
