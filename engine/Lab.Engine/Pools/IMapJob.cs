namespace Lab.Engine.Pools;

/// <summary>
/// IMap / IMapUnordered (CPython IMapIterator / IMapUnorderedIterator): chunk outcomes are handed to the consuming
/// thread as they arrive; ordered mode yields by input position, unordered mode in arrival order. The consumer side is
/// <see cref="IMapIterator{T}"/>.
/// </summary>
internal sealed class IMapJob<TResult>(int chunks, bool ordered, string what) : Job(chunks)
{
    private readonly object _lock = new();
    private readonly Dictionary<int, (System.Collections.IList? Values, Exception? Error)> _byIndex = new();
    private readonly Queue<(System.Collections.IList? Values, Exception? Error)> _arrived = new();
    private Exception? _aborted;
    private int _taken;

    public string What { get; } = what;

    protected override void OnDone(int index, System.Collections.IList values) => Put(index, (values, null));

    protected override void OnFailed(int index, Exception error) => Put(index, (null, error));

    public override void Abort(Exception error)
    {
        lock (_lock)
        {
            _aborted ??= error;
            Monitor.PulseAll(_lock);
        }
    }

    private void Put(int index, (System.Collections.IList?, Exception?) outcome)
    {
        lock (_lock)
        {
            if (ordered) _byIndex[index] = outcome;
            else _arrived.Enqueue(outcome);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// The next chunk's outcome (by position, or by arrival), waiting until <paramref name="deadline"/>. False: every
    /// chunk has been taken. Every wait ends: a dead worker or Terminate aborts the job, which wakes the consumer with
    /// that error (raised again on each later call, as the job can no longer complete).
    /// </summary>
    public bool TryTake(Sharing.Deadline deadline, out (System.Collections.IList? Values, Exception? Error) outcome)
    {
        lock (_lock)
        {
            if (_taken == Chunks)
            {
                outcome = default;
                return false;
            }
            while (!(ordered ? _byIndex.Remove(_taken, out outcome) : _arrived.TryDequeue(out outcome)))
            {
                if (_aborted is not null) throw _aborted;
                if (deadline.HasPassed) throw new TimeoutException($"the next result of {What} was not ready within the timeout");
                Monitor.Wait(_lock, deadline.RemainingMilliseconds);
            }
            _taken++;
            return true;
        }
    }
}
