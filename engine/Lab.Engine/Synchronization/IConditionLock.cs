namespace Lab.Engine.Synchronization;

/// <summary>The lock under a <see cref="ProcessCondition"/>: a <see cref="ProcessLock"/> or a
/// <see cref="ProcessRLock"/> (multiprocessing.Condition accepts either; its default is an RLock).</summary>
internal interface IConditionLock
{
    bool Acquire(bool block, TimeSpan? timeout);

    void Release();

    IDisposable Hold(TimeSpan? timeout);

    /// <summary>CPython's SemLock._is_mine(): held, and acquired by this thread of this process.</summary>
    bool IsOwnedByCurrentThread { get; }

    /// <summary>Releases every recursion level held by the current thread and returns how many there were
    /// (Condition.wait: "count = self._lock._semlock._count(); for i in range(count): release()").</summary>
    int ReleaseFully();

    /// <summary>Blocks until the lock is re-acquired with <paramref name="levels"/> recursion levels.</summary>
    void Reacquire(int levels);
}
