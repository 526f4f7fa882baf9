namespace Lab.Engine.Pools;

/// <summary>
/// IMap / IMapUnordered (CPython IMapIterator / IMapUnorderedIterator): chunk outcomes are handed to the consuming
/// thread as they arrive; ordered mode yields by input position, unordered mode in arrival order. A failed chunk
/// raises its exception when the consumer reaches it, as CPython's next() does.
/// </summary>
internal sealed class IMapJob<TResult>(int chunks, bool ordered, string what) : Job(chunks)
{
    private readonly object _lock = new();
    private readonly Dictionary<int, (System.Collections.IList? Values, Exception? Error)> _byIndex = new();
    private readonly Queue<(System.Collections.IList? Values, Exception? Error)> _arrived = new();
    private Exception? _aborted;

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

    /// <summary>Blocks for each next chunk; the error path of every wait is the pool's: a dead worker or Terminate
    /// aborts the job, which wakes the consumer with that error.</summary>
    public IEnumerable<TResult> Results()
    {
        for (var next = 0; next < Chunks; next++)
        {
            (System.Collections.IList? Values, Exception? Error) outcome;
            lock (_lock)
            {
                while (true)
                {
                    if (ordered ? _byIndex.Remove(next, out outcome) : _arrived.TryDequeue(out outcome)) break;
                    if (_aborted is not null) throw _aborted;
                    Monitor.Wait(_lock);
                }
            }
            if (outcome.Error is not null) throw outcome.Error;
            foreach (var value in outcome.Values!) yield return Cast<TResult>(value, what);
        }
    }
}
