using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// Two operations increment a shared counter with a plain read then write. Bug: a lost update when both read before
/// either writes (depth 2: B reads before A writes, A reads before B writes). Fix: the read-modify-write under a lock.
/// </summary>
internal static class UnlockedCounter
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, locked: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, locked: true);

    private static void Run(ISchedulingSeam rt, bool locked)
    {
        var counter = rt.NewVariable(0, "counter");
        var guard = rt.NewLock("counter-lock");
        void Increment()
        {
            if (locked) guard.Acquire();
            var value = counter.Read();
            counter.Write(value + 1);
            if (locked) guard.Release();
        }
        var a = rt.Spawn(Increment, "inc-a");
        var b = rt.Spawn(Increment, "inc-b");
        a.Join();
        b.Join();
        rt.Assert(counter.Peek() == 2, $"lost update: the counter is {counter.Peek()} after two increments");
    }
}
