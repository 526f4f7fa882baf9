using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A producer puts two items into a closable queue while a consumer closes it and drains what is left. Bug: put checks
/// "closed?" before taking the lock, so close-and-drain can run between the check and the append: the put reports
/// success, and the item is never delivered. Fix: check and append under the queue's lock; a put after close is
/// rejected (an error the caller sees), never silently lost.
/// </summary>
internal static class QueueCloseRace
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, checkUnderLock: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, checkUnderLock: true);

    private static void Run(ISchedulingSeam rt, bool checkUnderLock)
    {
        var guard = rt.NewLock("queue-lock");
        var closed = rt.NewVariable(false, "closed");
        var queued = rt.NewVariable(0, "queued");
        var accepted = rt.NewVariable(0, "accepted");
        var delivered = rt.NewVariable(0, "delivered");
        bool Put()
        {
            if (!checkUnderLock && closed.Read()) return false;
            guard.Acquire();
            if (checkUnderLock && closed.Read())
            {
                guard.Release();
                return false;
            }
            queued.Update(x => x + 1);
            guard.Release();
            return true;
        }
        var producer = rt.Spawn(() =>
        {
            for (var i = 0; i < 2; i++)
                if (Put()) accepted.Update(x => x + 1);
        }, "producer");
        var closer = rt.Spawn(() =>
        {
            guard.Acquire();
            closed.Write(true);
            var drained = queued.Read();
            queued.Write(0);
            guard.Release();
            delivered.Update(x => x + drained);
        }, "closer");
        producer.Join();
        closer.Join();
        rt.Assert(accepted.Peek() == delivered.Peek(),
            $"{accepted.Peek()} items were accepted by put but {delivered.Peek()} delivered: put raced with close");
    }
}
