using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// Lazy initialisation of a singleton: "if not initialised, create it and mark it initialised". Bug: two operations
/// both see "not initialised" and both create it (check-then-act). Fix: check and act under one lock.
/// </summary>
internal static class CheckThenAct
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, locked: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, locked: true);

    private static void Run(ISchedulingSeam rt, bool locked)
    {
        var guard = rt.NewLock("init-lock");
        var initialised = rt.NewVariable(false, "initialised");
        var created = rt.NewVariable(0, "instances-created");
        void GetInstance()
        {
            if (locked) guard.Acquire();
            if (!initialised.Read())
            {
                created.Update(x => x + 1);
                initialised.Write(true);
            }
            if (locked) guard.Release();
        }
        var first = rt.Spawn(GetInstance, "caller-1");
        var second = rt.Spawn(GetInstance, "caller-2");
        first.Join();
        second.Join();
        rt.Assert(created.Peek() == 1, $"the singleton was created {created.Peek()} times (check-then-act)");
    }
}
