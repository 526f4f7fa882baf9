using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A bounded buffer of one slot with a single condition variable for both "not full" and "not empty", and Notify (one
/// waiter) after each put and take; one producer puts two items, two consumers take one each. Bug: when the buffer is
/// full the producer waits on the same condition as an empty-handed consumer; a consumer's take then notifies the
/// longest waiter, which can be the other consumer instead of the producer. That consumer finds the buffer empty and
/// waits again: producer and consumer both wait, nobody is left to notify — a deadlock. It needs the buffer full and
/// the two consumers racing. The producer starts first and each consumer prepares for a few steps before it takes, so
/// the run in which every operation runs as long as it can is clean: the consumers must be let in early, one of them
/// all the way to its wait before the first put, the other held back until the producer waits on the full buffer. Fix: two conditions, "not full" for producers and "not empty" for consumers (the
/// structure of CPython's queue.Queue).
/// <para>
/// Depth 2 (measured: PCT with one change point finds it, with none it never does): the initial priorities can put one
/// consumer first, and one change point holds the other back until the producer waits on the full buffer. Deep for
/// DFS all the same: DFS with preemption bound 2 meets it at schedule 10,477.
/// </para>
/// </para>
/// </summary>
internal static class BoundedBufferFull
{
    private const int Capacity = 1, Items = 2, PrepareSteps = 3;

    public static void Buggy(ISchedulingSeam rt) => Run(rt, twoConditions: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, twoConditions: true);

    private static void Run(ISchedulingSeam rt, bool twoConditions)
    {
        var guard = rt.NewLock("buffer-lock");
        var notEmpty = rt.NewCondition(guard, twoConditions ? "not-empty" : "changed");
        var notFull = twoConditions ? rt.NewCondition(guard, "not-full") : notEmpty;
        var count = rt.NewVariable(0, "count");
        var prepared = rt.NewVariable(0, "prepared");
        void Put()
        {
            guard.Acquire();
            while (count.Read() == Capacity) notFull.Wait();
            count.Write(count.Read() + 1);
            notEmpty.Notify();
            guard.Release();
        }
        void Take()
        {
            guard.Acquire();
            while (count.Read() == 0) notEmpty.Wait();
            count.Write(count.Read() - 1);
            notFull.Notify();
            guard.Release();
        }
        var producer = rt.Spawn(() =>
        {
            for (var i = 0; i < Items; i++) Put();
        }, "producer");
        var consumers = Enumerable.Range(1, 2).Select(i => rt.Spawn(() =>
        {
            for (var step = 0; step < PrepareSteps; step++) prepared.Update(x => x + 1);
            Take();
        }, $"consumer-{i}")).ToList();
        producer.Join();
        foreach (var c in consumers) c.Join();
    }
}
