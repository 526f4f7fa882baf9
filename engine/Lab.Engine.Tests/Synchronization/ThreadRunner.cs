using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Xunit;

namespace Lab.Engine.Tests.Synchronization;

/// <summary>Threads for the in-process algorithm tests. Every thread is a background thread joined within
/// <see cref="Limits.Join"/>, so a deadlock or a lost wake-up fails the test instead of hanging the run.</summary>
internal static class ThreadRunner
{
    /// <summary>The timeout test threads give their own blocking calls: longer than the join deadline, so a lost
    /// wake-up fails the join instead of being rescued by the waiter's timeout.</summary>
    public static readonly TimeSpan BeyondJoin = Limits.Join * 2;

    /// <summary>Runs <paramref name="body"/>(i) on <paramref name="count"/> threads released together, and
    /// rethrows the first exception any of them raised.</summary>
    public static void Run(int count, Action<int> body)
    {
        var errors = new ConcurrentQueue<Exception>();
        using var gate = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                gate.Wait();
                body(i);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        }) { IsBackground = true, Name = $"sync-test-{i}" }).ToList();
        threads.ForEach(t => t.Start());
        gate.Set();
        JoinAll(threads);
        if (errors.TryDequeue(out var error)) ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>Starts one background thread whose result or exception <see cref="Task{T}"/> carries.</summary>
    public static Task<T> Start<T>(Func<T> body)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try { done.SetResult(body()); }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true }.Start();
        return done.Task;
    }

    public static T Result<T>(this Task<T> task)
    {
        Assert.True(Task.WhenAny(task, Task.Delay(Limits.Join)).GetAwaiter().GetResult() == task, $"a test thread did not finish within {Limits.Join} (deadlock or lost wake-up?)");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for a primitive's own diagnostic state (e.g. how many threads are queued on a condition) to
    /// reach a value: synchronization on the primitive itself, bounded by <see cref="Limits.Join"/>.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + (long)Limits.Join.TotalMilliseconds;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting until {what}");
            Thread.Sleep(1);
        }
    }

    private static void JoinAll(List<Thread> threads)
    {
        var deadline = Environment.TickCount64 + (long)Limits.Join.TotalMilliseconds;
        foreach (var t in threads)
            Assert.True(t.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64))),
                $"{t.Name} did not finish within {Limits.Join} (deadlock or lost wake-up?)");
    }
}
