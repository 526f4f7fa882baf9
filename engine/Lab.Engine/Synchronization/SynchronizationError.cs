namespace Lab.Engine.Synchronization;

/// <summary>
/// Misuse of a synchronization primitive, with CPython's messages: "semaphore or lock released too many times"
/// (ValueError, Modules/_multiprocessing/semaphore.c, _multiprocessing_SemLock_release_impl), "cannot release
/// un-acquired lock", "cannot wait on un-acquired lock", "cannot notify on un-acquired lock" (RuntimeError,
/// Lib/threading.py; multiprocessing raises AssertionError with other texts for the same misuse).
/// </summary>
public sealed class SynchronizationError(string message) : InvalidOperationException(message);
