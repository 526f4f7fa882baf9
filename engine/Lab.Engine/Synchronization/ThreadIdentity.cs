using Lab.Engine.Scheduling;

namespace Lab.Engine.Synchronization;

/// <summary>
/// Who holds a lock, as two 32-bit words in shared memory: the process id and the managed thread id
/// (CPython's SemLock keeps last_tid = PyThread_get_thread_ident() for the same purpose, but per process and
/// outside shared memory). Managed thread ids restart in every process, so the pair is needed. A pid reused by a
/// new process after the holder was killed could in principle match: the lock is then already lost to the dead
/// holder (see README, "killed holder"). Each word access is its own scheduling point (issue #5 §2): another thread
/// may read the pair between the two writes.
/// </summary>
internal static unsafe class ThreadIdentity
{
    public static int Pid => Environment.ProcessId;

    public static int Tid => Environment.CurrentManagedThreadId;

    public static bool IsCurrent(int* pidWord, int* tidWord)
    {
        EngineScheduling.Point(EnginePoint.Read);
        if (Volatile.Read(ref *pidWord) != Pid) return false;
        EngineScheduling.Point(EnginePoint.Read);
        return Volatile.Read(ref *tidWord) == Tid;
    }

    public static void Record(int* pidWord, int* tidWord)
    {
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *pidWord, Pid);
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *tidWord, Tid);
    }

    public static void Clear(int* pidWord, int* tidWord)
    {
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *tidWord, 0);
        EngineScheduling.Point(EnginePoint.Write);
        Volatile.Write(ref *pidWord, 0);
    }
}
