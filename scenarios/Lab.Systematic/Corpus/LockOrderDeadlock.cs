using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// Two transfers lock two accounts. Bug: one locks a then b, the other b then a; if each takes its first lock before
/// the other takes its second, both block forever (a deadlock). Fix: every operation takes the locks in one global order.
/// </summary>
internal static class LockOrderDeadlock
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, ordered: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, ordered: true);

    private static void Run(ISchedulingSeam rt, bool ordered)
    {
        var a = rt.NewLock("account-a");
        var b = rt.NewLock("account-b");
        var balance = rt.NewVariable(0, "balance");
        void Transfer(ISeamLock first, ISeamLock second)
        {
            first.Acquire();
            second.Acquire();
            balance.Update(x => x + 1);
            second.Release();
            first.Release();
        }
        var left = rt.Spawn(() => Transfer(a, b), "a-to-b");
        var right = rt.Spawn(() => Transfer(ordered ? a : b, ordered ? b : a), "b-to-a");
        left.Join();
        right.Join();
        rt.Assert(balance.Peek() == 2, $"{balance.Peek()} transfers of 2 completed");
    }
}
