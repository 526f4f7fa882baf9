namespace Lab.Systematic.Seam;

/// <summary>An operation started by <see cref="ISchedulingSeam.Spawn"/>.</summary>
public interface ISeamOperation
{
    /// <summary>Blocks the caller until this operation has completed.</summary>
    void Join();
}

/// <summary>A non-reentrant mutex (CPython's <c>threading.Lock</c>).</summary>
public interface ISeamLock
{
    void Acquire();

    void Release();
}

/// <summary>A condition variable over an <see cref="ISeamLock"/> (CPython's <c>threading.Condition</c>): Wait and Notify
/// need the lock held; Wait releases it and starts waiting atomically and reacquires it before returning.</summary>
public interface ISeamCondition
{
    void Wait();

    /// <summary>Wakes the <paramref name="count"/> longest waiters.</summary>
    void Notify(int count = 1);

    void NotifyAll();
}

/// <summary>A counting semaphore (CPython's <c>threading.Semaphore</c>, or <c>BoundedSemaphore</c> with a bound).</summary>
public interface ISeamSemaphore
{
    void Acquire();

    void Release();
}

/// <summary>A shared memory location under sequential consistency.</summary>
public interface ISeamVariable<T>
{
    T Read();

    void Write(T value);

    /// <summary>Atomically replaces the value with <paramref name="update"/>(value) and returns the new value.</summary>
    T Update(Func<T, T> update);

    /// <summary>Atomically sets the value to <paramref name="replacement"/> if it equals <paramref name="expected"/>;
    /// returns the value seen.</summary>
    T CompareExchange(T replacement, T expected);

    /// <summary>The value without a scheduling point: only for checks after every other operation has been joined.</summary>
    T Peek();
}
