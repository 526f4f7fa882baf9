using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// One producer puts two items into a queue guarded by a lock and a condition; two consumers take one each. Bug:
/// a consumer waits with <c>if (empty) Wait()</c>; after a notify, the other consumer can take the item before the woken
/// one reacquires the lock, which then "takes" from an empty queue. Fix: <c>while (empty) Wait()</c> (CPython's
/// Condition documentation: "the while loop checking for the application's condition is necessary").
/// </summary>
internal static class LostWakeup
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, recheck: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, recheck: true);

    private static void Run(ISchedulingSeam rt, bool recheck)
    {
        var guard = rt.NewLock("queue-lock");
        var nonEmpty = rt.NewCondition(guard, "non-empty");
        var items = rt.NewVariable(0, "items");
        void Consume()
        {
            guard.Acquire();
            if (recheck)
            {
                while (items.Read() == 0) nonEmpty.Wait();
            }
            else if (items.Read() == 0)
            {
                nonEmpty.Wait();
            }
            var count = items.Read();
            rt.Assert(count > 0, "a consumer woke to an empty queue (if instead of while around Wait)");
            items.Write(count - 1);
            guard.Release();
        }
        void Produce()
        {
            for (var i = 0; i < 2; i++)
            {
                guard.Acquire();
                items.Write(items.Read() + 1);
                nonEmpty.Notify();
                guard.Release();
            }
        }
        var consumers = new[] { rt.Spawn(Consume, "consumer-1"), rt.Spawn(Consume, "consumer-2") };
        var producer = rt.Spawn(Produce, "producer");
        foreach (var c in consumers) c.Join();
        producer.Join();
    }
}
