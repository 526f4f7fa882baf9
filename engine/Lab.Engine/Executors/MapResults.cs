using System.Runtime.CompilerServices;

namespace Lab.Engine.Executors;

/// <summary>
/// The result side of <see cref="ProcessPoolExecutor.Map{TArg,TResult}(Func{TArg,TResult},IEnumerable{TArg},int,TimeSpan?,CancellationToken)"/>:
/// the chunks' futures in input order, yielded as each completes (CPython _base.py, Executor.map's result_iterator).
/// The timeout counts from the map call, not per item (<c>end_time = timeout + time.monotonic()</c>); a failed chunk
/// raises at its position; leaving the iteration early (an exception, a timeout, a break) cancels the futures not yet
/// started (result_iterator's <c>finally: for future in fs: future.cancel()</c>).
/// </summary>
internal sealed class MapResults<TResult>(IReadOnlyList<FutureJob<TResult[]>> chunks, TimeSpan? timeout, CancellationToken token)
{
    private readonly long _deadline = timeout is { } t ? Environment.TickCount64 + (long)Math.Max(0, t.TotalMilliseconds) : long.MaxValue;

    public IEnumerable<TResult> Blocking()
    {
        try
        {
            foreach (var chunk in chunks)
            {
                var task = chunk.Task;
                if (!task.IsCompleted)
                {
                    try
                    {
                        if (!task.Wait(Remaining(), token)) throw NotReady();
                    }
                    catch (AggregateException) { } // raised below with its own type, by GetResult
                }
                foreach (var value in task.GetAwaiter().GetResult()) yield return value;
            }
        }
        finally
        {
            CancelRest();
        }
    }

    public async IAsyncEnumerable<TResult> Streaming([EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, enumeration);
        try
        {
            foreach (var chunk in chunks)
            {
                TResult[] values;
                try
                {
                    values = await chunk.Task.WaitAsync(TimeSpan.FromMilliseconds(Remaining()), linked.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    throw NotReady();
                }
                foreach (var value in values) yield return value;
            }
        }
        finally
        {
            CancelRest();
        }
    }

    /// <summary>Milliseconds left before the deadline; Timeout.Infinite without one.</summary>
    private int Remaining()
    {
        if (_deadline == long.MaxValue) return Timeout.Infinite;
        return (int)Math.Clamp(_deadline - Environment.TickCount64, 0, int.MaxValue - 1);
    }

    private static TimeoutException NotReady() => new("the next result of the map was not ready within the timeout");

    private void CancelRest()
    {
        foreach (var chunk in chunks) chunk.TryCancel();
    }
}
