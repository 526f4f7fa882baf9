using Lab.Engine.Processes;
using Lab.Engine.Targets;
using Lab.Engine.Tests.Pools;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>
/// Issue #10 §6: a target declared async is awaited in its child. Before the fix the child exited 0 as soon as the
/// target reached its first await: the work after it never ran and its exception was lost without a word.
/// </summary>
public class AsyncTargetTests
{
    [Fact]
    public void Process_AsyncTaskTarget_ChildWaitsForItsWork()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lab-async-{Guid.NewGuid():N}");
        try
        {
            using var p = new Process(Targets.WriteAfterAwait, [path]).RunToEnd();
            Assert.Equal(0, p.ExitCode);
            Assert.Equal("done", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Process_AsyncTargetThrowsAfterAwait_ExitCode1WithRemoteError()
    {
        using var p = new Process(Targets.ThrowAfterAwait, ["late"]).RunToEnd();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal(typeof(InvalidOperationException).FullName, p.Error!.Type);
        Assert.Equal("late", p.Error.Message);
    }

    [Fact]
    public void Process_AsyncValueTaskTargetRaisesSystemExit_ExitCodeIsItsCode()
    {
        using var p = new Process(Targets.ExitAfterAwait, [7]).RunToEnd();
        Assert.Equal(7, p.ExitCode);
        Assert.Null(p.Error);
    }

    [Fact]
    public void Process_AsyncValueTaskOfTTarget_Awaited()
    {
        using var p = new Process(Targets.ValueAfterAwait, [5]).RunToEnd();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Process_AsyncVoidTarget_RefusedAtConstruction()
    {
        var error = Assert.Throws<InvalidTargetError>(() => new Process(Targets.AsyncVoid));
        Assert.Contains("async void", error.Message);
    }

    [Fact]
    public void Pool_AsyncFunctions_AwaitedInTheWorker() => Bounded.Run(() =>
    {
        var dir = Directory.CreateTempSubdirectory("lab-async-init-");
        try
        {
            using var pool = new Pool(2, (Func<string, Task>)PoolTargets.InitLater, [dir.FullName]);
            var items = Enumerable.Range(0, 20).ToArray();
            Assert.Equal(items.Select(x => x * x), pool.Map(PoolTargets.SquareLater, items, 3));
            Assert.Equal(items.Select(x => x * x), pool.IMap(PoolTargets.SquareLater, items, 2).ToList());
            Assert.Equal(items.Select(x => x * x).Order(), pool.IMapUnordered(PoolTargets.SquareLater, items).Order());
            Assert.Equal("<4>", pool.ApplyAsync<string>((Func<int, ValueTask<string>>)PoolTargets.ShowLater, [4]).Get(Limits.Join));
            Assert.Equal(2, Directory.GetFiles(dir.FullName, "init-*").Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    });

    [Fact]
    public void Pool_AsyncFunctionThrows_ExceptionReRaisedWithRemoteTraceback() => Bounded.Run(() =>
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<InvalidOperationException>(() => pool.Map(PoolTargets.FailLater, [1, 2], 1));
        Assert.Equal("late failure 1", error.Message);
        Assert.Contains(nameof(PoolTargets.FailLater), Assert.IsType<RemoteTaskError>(error.InnerException).RemoteTraceback);
    });
}
