using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Tests.Pools;
using Xunit;
using Xunit.Abstractions;

namespace Lab.Engine.Tests.Executors;

/// <summary>Map against the sequential map over random inputs and chunksizes (FsCheck), and a hammer of cancel vs
/// completion vs shutdown races from a seed.</summary>
public class ExecutorPropertyTests(ITestOutputHelper output)
{
    private sealed record Case(int Workers, int[] Items, int Chunksize, bool Typed);

    private static readonly Gen<Case> Cases =
        from workers in Gen.Choose(1, 3)
        from items in Gen.Choose(-1000, 1000).ArrayOf()
        from chunksize in Gen.Choose(1, items.Length + 2)
        from typed in Gen.Elements(true, false)
        select new Case(workers, items, chunksize, typed);

    [Fact]
    public void Map_MatchesSequentialMap_InOrder_ForAnyChunksize() => Bounded.Run(() =>
    {
        var executors = new Dictionary<int, ProcessPoolExecutor>();
        try
        {
            PropertyCheck.Run(Prop.ForAll(Cases.ToArbitrary(), c =>
            {
                if (!executors.TryGetValue(c.Workers, out var executor)) executors[c.Workers] = executor = new ProcessPoolExecutor(c.Workers);
                return c.Typed
                    ? executor.Map<int, int>(ExecutorTargets.Square, c.Items, c.Chunksize, Limits.Join).SequenceEqual(c.Items.Select(x => x * x))
                    : executor.MapAsync<int, string>(ExecutorTargets.Show, c.Items, c.Chunksize, Limits.Join).ToBlockingEnumerable()
                        .SequenceEqual(c.Items.Select(x => $"<{x}>"));
            }), maxTest: 40);
        }
        finally
        {
            foreach (var executor in executors.Values) executor.Dispose();
        }
    });

    /// <summary>
    /// Submissions, cancellations and a shutdown (wait or not, cancelling futures or not) race on two threads in an
    /// order drawn from the seed. Every Task must end (RanToCompletion with the right value, or Canceled; nothing
    /// faults here), no submission after shutdown is accepted, and nothing hangs. LAB_EXECUTOR_SEED replays a seed.
    /// </summary>
    [Fact]
    public void CancelVersusCompletionVersusShutdown_EveryTaskEnds() => Bounded.Run(() =>
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LAB_EXECUTOR_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"seed {seed} (replay: LAB_EXECUTOR_SEED={seed})");
        try
        {
            var random = new Random(seed);
            for (var round = 0; round < 12; round++) Round(random);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} (replay with LAB_EXECUTOR_SEED={seed}): {e}");
        }
    });

    private static void Round(Random random)
    {
        const int Count = 40;
        var executor = new ProcessPoolExecutor(random.Next(1, 3));
        var tokens = Enumerable.Range(0, Count).Select(_ => new CancellationTokenSource()).ToArray();
        var tasks = new Task<int>?[Count];
        var shutdownAt = random.Next(0, Count + 1);
        var (wait, cancelFutures) = (random.Next(2) == 0, random.Next(2) == 0);
        var cancelOrder = Enumerable.Range(0, Count).OrderBy(_ => random.Next()).Take(random.Next(Count)).ToArray();
        var pauses = Enumerable.Range(0, Count).Select(_ => random.Next(4) == 0).ToArray();
        using var go = new Barrier(2);
        var submitter = Task.Run(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < Count; i++)
            {
                if (i == shutdownAt) executor.Shutdown(wait, cancelFutures);
                try { tasks[i] = executor.Submit(ExecutorTargets.Square, i, tokens[i].Token); }
                catch (PoolStateError) when (i >= shutdownAt) { }
                if (pauses[i]) Thread.Yield();
            }
        });
        var canceller = Task.Run(() =>
        {
            go.SignalAndWait();
            foreach (var i in cancelOrder)
            {
                tokens[i].Cancel();
                if (pauses[i]) Thread.Yield();
            }
        });
        Assert.True(Task.WaitAll([submitter, canceller], Limits.Join), "the submitter or the canceller did not finish");
        executor.Shutdown(wait: true);
        for (var i = 0; i < Count; i++)
        {
            if (i >= shutdownAt) Assert.Null(tasks[i]);
            if (tasks[i] is not { } task) continue;
            Assert.True(task.IsCompleted, $"task {i} did not end after Shutdown(wait: true)");
            if (task.Status == TaskStatus.RanToCompletion) Assert.Equal(i * i, task.Result);
            else Assert.Equal(TaskStatus.Canceled, task.Status);
        }
        foreach (var cts in tokens) cts.Dispose();
    }
}
