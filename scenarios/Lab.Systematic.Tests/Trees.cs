namespace Lab.Systematic.Tests;

/// <summary>
/// An independent model of <see cref="Programs.TwoByTwo"/>'s decision tree, to count what DFS must enumerate. It
/// restates the runtime's rules, not its code: a scheduling point comes before the operation it names; Spawn creates
/// the operation, then has its point; Join has a point, then blocks (a second point, not eligible) until the target
/// completed; an operation's completion is a point at which it is not eligible; choosing another operation while the
/// current one is eligible is a preemption; when nobody is eligible the iteration ends (no decision).
/// </summary>
internal static class Trees
{
    private enum Op { Spawn, Point, Append, WaitFor, Observe, End }

    private readonly record struct Instr(Op Op, int Arg = 0);

    private static readonly Instr[][] Code =
    [
        [new(Op.Spawn, 1), new(Op.Spawn, 2), new(Op.Spawn, 3), new(Op.End)],                                   // main
        [new(Op.Point), new(Op.Append, 'a'), new(Op.Point), new(Op.Append, 'a'), new(Op.End)],                  // a: two Updates
        [new(Op.Point), new(Op.Append, 'b'), new(Op.Point), new(Op.Append, 'b'), new(Op.End)],                  // b
        [new(Op.Point), new(Op.WaitFor, 1), new(Op.Point), new(Op.WaitFor, 2), new(Op.Point), new(Op.Observe), new(Op.End)], // observer
    ];

    private sealed record State(int[] Pc, bool[] Spawned, bool[] Done, int[] BlockedOn, string Log, string? Observed)
    {
        public State Copy() => this with { Pc = (int[])Pc.Clone(), Spawned = (bool[])Spawned.Clone(), Done = (bool[])Done.Clone(), BlockedOn = (int[])BlockedOn.Clone() };

        public bool Eligible(int o) => Spawned[o] && !Done[o] && (BlockedOn[o] < 0 || Done[BlockedOn[o]]);
    }

    /// <summary>Leaves of the tree within <paramref name="bound"/> preemptions, and the logs the observer read.</summary>
    public static (int Schedules, HashSet<string> Logs) Enumerate(int bound)
    {
        var logs = new HashSet<string>();
        var leaves = 0;
        void Decide(State s, int current, int preemptions)
        {
            var eligible = Enumerable.Range(0, Code.Length).Where(s.Eligible).ToList();
            if (eligible.Count == 0)
            {
                leaves++;
                logs.Add(s.Observed ?? "(none)");
                return;
            }
            var currentEligible = eligible.Contains(current);
            foreach (var next in eligible)
            {
                var p = preemptions + (currentEligible && next != current ? 1 : 0);
                if (p > bound) continue;
                var t = s.Copy();
                Run(ref t, next);
                Decide(t, next, p);
            }
        }
        var start = new State([0, 0, 0, 0], [true, false, false, false], new bool[4], [-1, -1, -1, -1], "", null);
        Run(ref start, 0);
        Decide(start, 0, 0);
        return (leaves, logs);
    }

    /// <summary>Runs <paramref name="o"/> from where it stands up to its next scheduling point.</summary>
    private static void Run(ref State s, int o)
    {
        s.BlockedOn[o] = -1;
        while (true)
        {
            var instr = Code[o][s.Pc[o]];
            switch (instr.Op)
            {
                case Op.Spawn:
                    s.Spawned[instr.Arg] = true;
                    s.Pc[o]++;
                    return;
                case Op.Point:
                    s.Pc[o]++;
                    return;
                case Op.Append:
                    s = s with { Log = s.Log + (char)instr.Arg };
                    s.Pc[o]++;
                    break;
                case Op.Observe:
                    s = s with { Observed = s.Log };
                    s.Pc[o]++;
                    break;
                case Op.WaitFor when s.Done[instr.Arg]:
                    s.Pc[o]++;
                    break;
                case Op.WaitFor:
                    s.BlockedOn[o] = instr.Arg;
                    return;
                case Op.End:
                    s.Done[o] = true;
                    return;
            }
        }
    }
}
