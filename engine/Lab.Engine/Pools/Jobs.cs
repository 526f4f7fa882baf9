namespace Lab.Engine.Pools;

/// <summary>
/// One submission (a map, an apply, an imap): split into chunks, completed by the supervisor thread as chunk
/// outcomes arrive. Every method is called on the supervisor thread only, so a job needs no lock of its own
/// (the imap jobs hand items to a consumer thread and do lock for that).
/// </summary>
internal abstract class Job(int chunks)
{
    private int _left = chunks;

    public int Chunks { get; } = chunks;

    /// <summary>Records one chunk's outcome; true once every chunk has reported.</summary>
    public bool Deliver(int index, System.Collections.IList? values, Exception? error)
    {
        if (error is not null) OnFailed(index, error);
        else OnDone(index, values!);
        if (--_left != 0) return false;
        OnAllDone();
        return true;
    }

    protected virtual void OnAllDone() { }

    /// <summary>Called by the supervisor just before a chunk of this job goes to a worker. False: the job was cancelled
    /// while queued and the chunk is dropped (an executor future, whose cancel() works only until it runs). A job of
    /// several chunks never refuses, as a Pool job cannot be cancelled.</summary>
    public virtual bool TryStart() => true;

    /// <summary>Cancels the job if it has not started (shutdown(cancel_futures=True) of an executor); true if it did.
    /// Called on the supervisor thread for queued chunks only. A Pool job cannot be cancelled.</summary>
    public virtual bool TryCancel() => false;

    /// <param name="values">A List&lt;object?&gt;, or an int[]/long[]/double[] from the typed path (TypedChunks).</param>
    protected abstract void OnDone(int index, System.Collections.IList values);

    protected abstract void OnFailed(int index, Exception error);

    /// <summary>The pool broke or was terminated: every result not yet delivered fails with <paramref name="error"/>.</summary>
    public abstract void Abort(Exception error);

    internal static T Cast<T>(object? value, string what)
    {
        if (value is T t) return t;
        if (value is null && default(T) is null) return default!;
        throw new InvalidCastException($"{what} returned a {value?.GetType().FullName ?? "null"}, which is not a {typeof(T).FullName}");
    }
}

/// <summary>A chunk of a job: one Task frame, encoded at submission (so an unserializable argument is an error
/// in the caller, before anything is sent).</summary>
internal sealed class Chunk(Job job, int index, long id, int funcKey, Targets.TargetMethod func, byte[] frame)
{
    public Job Job { get; } = job;
    public int Index { get; } = index;
    public long Id { get; } = id;
    public int FuncKey { get; } = funcKey;
    public Targets.TargetMethod Func { get; } = func;
    public byte[] Frame { get; } = frame;
}

/// <summary>Map / StarMap / their async forms: ordered results, the first error in input order raised only once
/// every chunk has finished (CPython MapResult._set keeps counting after an error and sets the event at the end).</summary>
internal sealed class MapJob<TResult>(int chunks, int length, int chunksize, string what, AsyncResult<List<TResult>> result) : Job(chunks)
{
    private readonly TResult[] _values = new TResult[length];
    private (int Index, Exception Error)? _first;

    protected override void OnDone(int index, System.Collections.IList values)
    {
        try
        {
            if (values is TResult[] typed)
            {
                Array.Copy(typed, 0, _values, index * chunksize, typed.Length);
                return;
            }
            for (var i = 0; i < values.Count; i++) _values[index * chunksize + i] = Cast<TResult>(values[i], what);
        }
        catch (InvalidCastException e)
        {
            OnFailed(index, e);
        }
    }

    protected override void OnFailed(int index, Exception error)
    {
        if (_first is null || index < _first.Value.Index) _first = (index, error);
    }

    protected override void OnAllDone()
    {
        if (_first is { } f) result.Fail(f.Error);
        else result.Complete([.. _values]);
    }

    public override void Abort(Exception error) => result.Fail(error);
}

/// <summary>Apply / ApplyAsync: one chunk holding one call.</summary>
internal sealed class ApplyJob<TResult>(string what, AsyncResult<TResult> result) : Job(1)
{
    protected override void OnDone(int index, System.Collections.IList values)
    {
        try { result.Complete(Cast<TResult>(values[0], what)); }
        catch (InvalidCastException e) { result.Fail(e); }
    }

    protected override void OnFailed(int index, Exception error) => result.Fail(error);

    public override void Abort(Exception error) => result.Fail(error);
}
