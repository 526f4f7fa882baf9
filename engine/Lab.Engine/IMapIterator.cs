using System.Collections;
using Lab.Engine.Pools;

namespace Lab.Engine;

/// <summary>
/// The results of <see cref="Pool.IMap{TArg,TResult}(Func{TArg,TResult},IEnumerable{TArg},int)"/> and
/// <see cref="Pool.IMapUnordered{TArg,TResult}(Func{TArg,TResult},IEnumerable{TArg},int)"/>: a single-pass iterator, as
/// CPython's IMapIterator is (pool.py). A task's exception is raised when the iteration reaches it, and the iteration
/// goes on after it: the next <see cref="MoveNext"/> (or a new <c>foreach</c> over the same object) yields the items
/// that follow, so one failure loses no other result. Each failure is raised once.
/// <para>
/// A chunk stops at its first failing item (CPython's mapstar), so with a chunksize above 1 the failure stands for
/// that chunk's items. CPython's imap with a chunksize above 1 wraps its iterator in a generator expression, which
/// ends at the first exception; the engine goes on there too (lab scenario pool.imap-continues-after-error).
/// </para>
/// <para><see cref="TryNext"/> takes a timeout (CPython's <c>next(timeout)</c>); <see cref="MoveNext"/> waits until
/// the next result is ready, which always happens: a dead worker or Terminate fails the iteration.</para>
/// </summary>
public sealed class IMapIterator<T> : IEnumerable<T>, IEnumerator<T>
{
    private readonly IMapJob<T>? _job;
    private readonly object _consumer = new();
    private IList? _chunk;
    private int _position;
    private T _current = default!;

    internal IMapIterator(IMapJob<T>? job) => _job = job;

    public T Current => _current;

    object? IEnumerator.Current => _current;

    /// <summary>Advances to the next result, waiting for it; throws the task's exception at a failed item.</summary>
    public bool MoveNext() => TryNext(out _current, timeout: null);

    /// <summary>
    /// The next result, waiting at most <paramref name="timeout"/> (null: until it is ready). False at the end.
    /// Throws the task's exception at a failed item (the iteration goes on after it), <see cref="TimeoutException"/>
    /// if nothing was ready in time (nothing is consumed: call again), or the pool's error if it broke or was terminated.
    /// </summary>
    public bool TryNext(out T value, TimeSpan? timeout = null)
    {
        value = default!;
        if (_job is null) return false;
        var deadline = Sharing.Deadline.From(timeout);
        lock (_consumer)
        {
            while (true)
            {
                if (_chunk is not null && _position < _chunk.Count)
                {
                    value = Job.Cast<T>(_chunk[_position++], _job.What);
                    return true;
                }
                _chunk = null;
                if (!_job.TryTake(deadline, out var outcome)) return false;
                if (outcome.Error is not null) throw outcome.Error;
                (_chunk, _position) = (outcome.Values, 0);
            }
        }
    }

    /// <summary>This iterator itself: it is single-pass, so a second <c>foreach</c> continues where the first stopped.</summary>
    public IEnumerator<T> GetEnumerator() => this;

    IEnumerator IEnumerable.GetEnumerator() => this;

    void IEnumerator.Reset() => throw new NotSupportedException("a pool's imap iterator is single-pass, as CPython's");

    /// <summary>Nothing to release: the pool completes the job whether or not it is read (a <c>foreach</c> that
    /// stops at a failed item disposes its enumerator, and the same object must still yield what follows).</summary>
    public void Dispose() { }
}
