using Lab.Engine.Executors;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// The ProcessPoolExecutor's futures (issue #12: "races of cancel, completion and shutdown") under the controlled
/// scheduler: the real <see cref="FutureJob{T}"/>s, whose state changes are engine scheduling points. Three operations
/// race on two futures, as the executor's threads do:
/// <list type="bullet">
/// <item>the caller cancels both, as Map's early end does (TryCancel; a CancellationToken calls the same code from its
/// registration, left out here because CancellationTokenRegistration.Dispose waits for a running callback outside the
/// seam, which the scheduler cannot control; Shutdown(cancelFutures) calls TryCancel on the supervisor thread);</item>
/// <item>the supervisor thread dispatches each future (TryStart) and delivers its result, or, at a point the strategy
/// chooses, finds a worker dead and aborts what is left (the pool broke);</item>
/// <item>a waiter observes each Task's end.</item>
/// </list>
/// Checked: every future's Task ends (no lost completion, no waiter left blocked) with the value it was given; a cancel
/// that reports success left the Task Canceled, and a future that started was never cancelled (CPython's
/// Future.cancel: only PENDING futures cancel).
/// </summary>
internal static class ExecutorFutureProgram
{
    public static void CancelCompleteBreak(ControlledRuntime rt)
    {
        var futures = new FutureJob<int>[2];
        for (var i = 0; i < futures.Length; i++) futures[i] = new FutureJob<int>(values => (int)values[0]!);

        var started = new bool[2];
        var cancelReported = new bool[2];
        void Caller()
        {
            for (var i = 0; i < futures.Length; i++) cancelReported[i] = futures[i].TryCancel();
        }
        void Supervisor()
        {
            for (var i = 0; i < futures.Length; i++)
            {
                if (rt.NextBool())
                {
                    var broken = new InvalidOperationException("a worker died: the pool is broken");
                    for (var j = i; j < futures.Length; j++) futures[j].Abort(broken);
                    return;
                }
                if (!futures[i].TryStart()) continue;
                started[i] = true;
                futures[i].Deliver(0, new List<object?> { i * 10 }, null);
            }
        }
        var operations = new[] { rt.Spawn(Caller, "caller"), rt.Spawn(Supervisor, "supervisor") };
        foreach (var operation in operations) operation.Join();

        for (var i = 0; i < futures.Length; i++)
        {
            var task = futures[i].Task;
            rt.Assert(task.IsCompleted, $"future {i} never completed (status {task.Status}): a lost completion");
            rt.Assert(!cancelReported[i] || task.IsCanceled, $"cancel of future {i} reported success, but its task is {task.Status}");
            rt.Assert(!(started[i] && task.IsCanceled), $"future {i} was started on a worker and also cancelled");
            if (task.IsCompletedSuccessfully) rt.Assert(task.Result == i * 10, $"future {i} holds {task.Result}, expected {i * 10}");
        }
    }
}
