using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// Peterson's mutual exclusion for two workers (Peterson, "Myths about the mutual exclusion problem", IPL 1981): to enter,
/// a worker raises its flag, gives the turn to the other, and waits while the other's flag is up and the turn is the
/// other's. Bug: the two writes swapped (turn first, then flag) — a classic slip. Worker 0 gives the turn away, worker 1
/// gives it back and, seeing worker 0's flag still down, enters; if worker 1 is then stopped inside, worker 0 raises its
/// flag, sees the turn is its own and enters too. Fix: flag first, then turn.
/// <para>
/// Depth 3 in PCT's sense (Burckhardt et al., ASPLOS 2010): three ordering constraints — worker 0's turn write before
/// worker 1's, worker 1's flag check before worker 0's flag write, worker 0's entry before worker 1 leaves — so PCT
/// needs two priority change points (d = 3): one to stop worker 0 after its first write, one to stop worker 1 inside
/// its critical section. With one change point it never happens (a test checks it).
/// </para>
/// </summary>
internal static class PetersonSwapped
{
    public static void Buggy(ISchedulingSeam rt) => Run(rt, flagFirst: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, flagFirst: true);

    private static void Run(ISchedulingSeam rt, bool flagFirst)
    {
        var flags = new[] { rt.NewVariable(false, "flag-0"), rt.NewVariable(false, "flag-1") };
        var turn = rt.NewVariable(0, "turn");
        var inside = rt.NewVariable(0, "inside");
        void Work(int me)
        {
            var other = 1 - me;
            if (flagFirst) flags[me].Write(true);
            turn.Write(other);
            if (!flagFirst) flags[me].Write(true);
            while (flags[other].Read() && turn.Read() == other) rt.Yield();
            var count = inside.Update(x => x + 1);
            rt.Assert(count == 1, "both workers are in the critical section (Peterson's lock with its two writes swapped)");
            inside.Update(x => x - 1);
            flags[me].Write(false);
        }
        var workers = new[] { rt.Spawn(() => Work(0), "worker-0"), rt.Spawn(() => Work(1), "worker-1") };
        foreach (var w in workers) w.Join();
    }
}
