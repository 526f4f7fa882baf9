using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A waiter checks a flag without the lock, then takes the lock and waits; the signaller sets the flag and notifies
/// under the lock. Bug (the classic lost wake-up): the notify lands between the unlocked check and the wait, and the
/// waiter sleeps forever — a deadlock. Fix: check the flag under the lock, in a loop around Wait.
/// </summary>
internal static class MissedSignal
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, checkUnderLock: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, checkUnderLock: true);

    private static void Run(ISchedulingSeam rt, bool checkUnderLock)
    {
        var guard = rt.NewLock("ready-lock");
        var signal = rt.NewCondition(guard, "ready");
        var ready = rt.NewVariable(false, "ready-flag");
        var waiter = rt.Spawn(() =>
        {
            if (checkUnderLock)
            {
                guard.Acquire();
                while (!ready.Read()) signal.Wait();
                guard.Release();
            }
            else if (!ready.Read())
            {
                guard.Acquire();
                signal.Wait();
                guard.Release();
            }
        }, "waiter");
        var signaller = rt.Spawn(() =>
        {
            guard.Acquire();
            ready.Write(true);
            signal.Notify();
            guard.Release();
        }, "signaller");
        waiter.Join();
        signaller.Join();
    }
}
