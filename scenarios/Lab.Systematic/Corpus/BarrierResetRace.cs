using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// Two workers pass a reusable barrier twice. Bug: the barrier counts arrivals and resets its count only when the last
/// worker of a round has left; a fast worker that re-enters before a slow one has left sees the previous round's
/// "released" flag and passes round 2 alone (then the slow one waits forever). Caught by checking, after each pass,
/// that every worker has arrived at that round. Fix: a generation counter — waiters wait for the generation to change,
/// and the last arriver resets the count as it opens the barrier (the algorithm of CPython's threading.Barrier).
/// </summary>
internal static class BarrierResetRace
{
    private const int Workers = 2, Rounds = 2;

    public static void Buggy(ISchedulingSeam rt) => Run(rt, new NaiveBarrier(rt, Workers).Arrive);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, new GenerationBarrier(rt, Workers).Arrive);

    private static void Run(ISchedulingSeam rt, Action arrive)
    {
        var rounds = Enumerable.Range(0, Workers).Select(i => rt.NewVariable(0, $"round-{i}")).ToArray();
        void Work(int me)
        {
            for (var round = 1; round <= Rounds; round++)
            {
                rounds[me].Write(round);
                arrive();
                foreach (var other in rounds)
                    rt.Assert(other.Read() >= round, $"a worker passed barrier round {round} before every worker had arrived");
            }
        }
        var workers = Enumerable.Range(0, Workers).Select(i => rt.Spawn(() => Work(i), $"worker-{i}")).ToList();
        foreach (var w in workers) w.Join();
    }

    private sealed class NaiveBarrier
    {
        private readonly int parties;
        private readonly ISeamLock guard;
        private readonly ISeamCondition opened;
        private readonly ISeamVariable<int> arrived, left;
        private readonly ISeamVariable<bool> released;

        public NaiveBarrier(ISchedulingSeam rt, int parties)
        {
            this.parties = parties;
            guard = rt.NewLock("barrier-lock");
            opened = rt.NewCondition(guard, "opened");
            arrived = rt.NewVariable(0, "arrived");
            left = rt.NewVariable(0, "left");
            released = rt.NewVariable(false, "released");
        }

        public void Arrive()
        {
            guard.Acquire();
            var count = arrived.Read() + 1;
            arrived.Write(count);
            if (count == parties)
            {
                released.Write(true);
                opened.NotifyAll();
            }
            else
            {
                while (!released.Read()) opened.Wait();
            }
            var gone = left.Read() + 1;
            left.Write(gone);
            if (gone == parties)
            {
                arrived.Write(0);
                left.Write(0);
                released.Write(false);
            }
            guard.Release();
        }
    }

    private sealed class GenerationBarrier
    {
        private readonly int parties;
        private readonly ISeamLock guard;
        private readonly ISeamCondition opened;
        private readonly ISeamVariable<int> arrived, generation;

        public GenerationBarrier(ISchedulingSeam rt, int parties)
        {
            this.parties = parties;
            guard = rt.NewLock("barrier-lock");
            opened = rt.NewCondition(guard, "opened");
            arrived = rt.NewVariable(0, "arrived");
            generation = rt.NewVariable(0, "generation");
        }

        public void Arrive()
        {
            guard.Acquire();
            var mine = generation.Read();
            var count = arrived.Read() + 1;
            if (count == parties)
            {
                arrived.Write(0);
                generation.Write(mine + 1);
                opened.NotifyAll();
            }
            else
            {
                arrived.Write(count);
                while (generation.Read() == mine) opened.Wait();
            }
            guard.Release();
        }
    }
}
