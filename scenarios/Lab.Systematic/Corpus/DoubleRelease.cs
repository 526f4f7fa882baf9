using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A semaphore of 1 used as a mutex by three workers; one of them fails inside its critical section. Bug: its error
/// path releases the semaphore, then its cleanup releases it again, so the count reaches 2 and two other workers can
/// be inside the critical section together (caught when they overlap). Fix: release exactly once (a bounded
/// semaphore would turn the second release into an error at once).
/// </summary>
internal static class DoubleRelease
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, releaseTwice: true);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, releaseTwice: false);

    private static void Run(ISchedulingSeam rt, bool releaseTwice)
    {
        var mutex = rt.NewSemaphore(1, null, "mutex");
        var inside = rt.NewVariable(0, "inside");
        void Work()
        {
            mutex.Acquire();
            var count = inside.Update(x => x + 1);
            rt.Assert(count == 1, "two workers inside the critical section (the semaphore was released twice)");
            inside.Update(x => x - 1);
            mutex.Release();
        }
        void FailingWork()
        {
            mutex.Acquire();
            inside.Update(x => x + 1);
            inside.Update(x => x - 1);
            mutex.Release();
            if (releaseTwice) mutex.Release();
        }
        var workers = new[] { rt.Spawn(FailingWork, "failing"), rt.Spawn(Work, "worker-1"), rt.Spawn(Work, "worker-2") };
        foreach (var w in workers) w.Join();
    }
}
