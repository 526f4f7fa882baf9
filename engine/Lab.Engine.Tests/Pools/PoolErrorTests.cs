using Lab.Engine.Serialization;
using Lab.Engine.Queues;
using Xunit;

namespace Lab.Engine.Tests.Pools;

public class PoolErrorTests
{
    private static readonly TimeSpan Wait = Limits.Join;

    [Fact]
    public void Map_TaskRaises_ReRaisedWithTypeMessageAndRemoteTraceback() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var error = Assert.Throws<InvalidOperationException>(() => pool.Map<int, int>(PoolTargets.FailOnThree, Enumerable.Range(0, 10), 2));
        Assert.Equal("three is not allowed (got 3)", error.Message);
        var remote = Assert.IsType<RemoteTaskError>(error.InnerException);
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
        Assert.Contains(nameof(PoolTargets.FailOnThree), remote.RemoteTraceback);
        Assert.Equal(remote.RemoteTraceback, error.Data["RemoteTraceback"]);
    });

    [Fact]
    public void Apply_TypeWithoutStringConstructor_RaisesRemoteTaskError() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<RemoteTaskError>(() => pool.Apply<int>((Func<int, int>)PoolTargets.CustomFailure, 7));
        Assert.Equal(typeof(NoStringConstructorError).FullName, error.RemoteType);
        Assert.Equal("custom failure 7", error.RemoteMessage);
        Assert.Contains(nameof(PoolTargets.CustomFailure), error.RemoteTraceback);
    });

    [Fact]
    public void Map_ErrorInFirstChunk_RaisedOnlyAfterEveryChunkFinished() => Bounded.Run(() =>
    {
        var dir = Directory.CreateTempSubdirectory("lab-pool-markers-");
        try
        {
            using var pool = new Pool(2);
            var args = Enumerable.Range(0, 40).Select(i => new object?[] { dir.FullName, i }).ToList();
            var error = Assert.Throws<ArgumentException>(() => pool.StarMap<int>((Func<string, int, int>)PoolTargets.MarkThenFailOnZero, args, 1));
            Assert.Equal("item zero fails", error.Message);
            // Every chunk ran before the error reached the caller (CPython's MapResult waits for all chunks too).
            Assert.Equal(40, Directory.GetFiles(dir.FullName, "item-*").Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    });

    [Fact]
    public void Map_UnserializableResult_FailsThatTask_WorkerSurvives() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var pid = Assert.Single(pool.WorkerPids);
        var error = Assert.Throws<SerializationError>(() => pool.Map<int, object?>(PoolTargets.MaybeUnserializable, [0, 1, 2], 1));
        Assert.Contains("System.Text.StringBuilder", error.Message);
        Assert.Contains(nameof(PoolTargets.MaybeUnserializable), error.Message);
        Assert.Equal([0, 2], pool.Map<int, object?>(PoolTargets.MaybeUnserializable, [0, 2]).Cast<int>());
        Assert.Equal([pid], pool.WorkerPids);
        Assert.Equal(pid, pool.Apply<int>((Func<int, int>)PoolTargets.Pid, 0));
    });

    [Fact]
    public void Map_UnserializableArgument_RaisesInTheCaller() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        Assert.Throws<SerializationError>(() => pool.Map<object, int>(PoolTargets.HashOf, [new object()]));
    });

    [Fact]
    public void ApplyAsync_CallbackAndErrorCallback_AreCalledBeforeReady() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        var got = new List<int>();
        var ok = pool.ApplyAsync<int>((Func<int, int, int>)PoolTargets.Add, [2, 3], callback: v => { lock (got) got.Add(v); });
        Assert.Equal(5, ok.Get(Wait));
        Assert.True(ok.Successful());
        Assert.Equal([5], got);

        Exception? seen = null;
        var failed = pool.ApplyAsync<int>((Func<int>)PoolTargets.Never, errorCallback: e => seen = e);
        Assert.True(failed.Wait(Wait));
        Assert.False(failed.Successful());
        var thrown = Assert.Throws<NotSupportedException>(() => failed.Get(Wait));
        Assert.Same(seen, thrown);
    });

    [Fact]
    public void MapAsync_And_StarMapAsync_Callbacks() => Bounded.Run(() =>
    {
        using var pool = new Pool(2);
        List<int>? mapped = null, starred = null;
        Exception? mapError = null;
        var a = pool.MapAsync<int, int>(PoolTargets.Square, Enumerable.Range(0, 20), callback: r => mapped = r);
        var b = pool.StarMapAsync<int>((Func<int, int, int>)PoolTargets.Add, [[1, 2], [3, 4]], callback: r => starred = r);
        var c = pool.MapAsync<int, int>(PoolTargets.FailOnThree, Enumerable.Range(0, 5), 1, errorCallback: e => mapError = e);
        Assert.Equal(Enumerable.Range(0, 20).Select(PoolTargets.Square), a.Get(Wait));
        Assert.Same(a.Get(Wait), mapped);
        Assert.Equal([3, 7], b.Get(Wait));
        Assert.Equal([3, 7], starred);
        Assert.True(c.Wait(Wait));
        Assert.IsType<InvalidOperationException>(mapError);
        Assert.Throws<InvalidOperationException>(() => c.Get(Wait));
    });

    [Fact]
    public void Callback_WaitingForAnotherResult_RaisesInsteadOfDeadlocking() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        Exception? inCallback = null;
        var first = pool.ApplyAsync<int>((Func<int, int>)PoolTargets.Square, [2], callback: _ =>
        {
            try { pool.Apply<int>((Func<int, int>)PoolTargets.Square, 3); }
            catch (Exception e) { inCallback = e; }
        });
        Assert.Equal(4, first.Get(Wait));
        Assert.IsType<PoolStateError>(inCallback);
        Assert.Equal(9, pool.Apply<int>((Func<int, int>)PoolTargets.Square, 3));
    });

    [Fact]
    public void AsyncResult_NotReady_SuccessfulRaises_GetTimesOut() => Bounded.Run(() =>
    {
        using var queue = new ProcessQueue();
        using var pool = new Pool(1, (Action<ProcessQueue>)PoolTargets.KeepQueue, [queue]);
        var pending = pool.ApplyAsync<int>((Func<int, int>)PoolTargets.AnnounceAndHang, [1]);
        queue.Get(timeout: Wait);
        Assert.False(pending.Ready);
        Assert.Throws<InvalidOperationException>(() => pending.Successful());
        Assert.Throws<TimeoutException>(() => pending.Get(TimeSpan.FromMilliseconds(10)));
        pool.Terminate();
        Assert.True(pending.Wait(Wait));
        Assert.Throws<PoolStateError>(() => pending.Get(Wait));
    });
}
