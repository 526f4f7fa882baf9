using Lab.Systematic.Primitives;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Corpus;

/// <summary>
/// Lazy initialisation of a singleton: "if not initialised, create it and mark it initialised". Bug: two operations
/// both see "not initialised" and both create it (check-then-act). Fix: check and act under one lock.
/// </summary>
internal static class CheckThenAct
{
    public static void Buggy(ControlledRuntime rt) => Run(rt, locked: false);

    public static void Fixed(ControlledRuntime rt) => Run(rt, locked: true);

    private static void Run(ControlledRuntime rt, bool locked)
    {
        var guard = new ControlledLock(rt, "init-lock");
        var initialised = new SharedVariable<bool>(rt, false, "initialised");
        var created = new SharedVariable<int>(rt, 0, "instances-created");
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
