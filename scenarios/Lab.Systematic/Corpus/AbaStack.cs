using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A lock-free (Treiber) stack over a fixed pool of nodes, whose pop is "read top, read top.next, CAS top from the node
/// to its next". Bug: the ABA problem. A slow popper reads top = A and A.next = B; meanwhile a fast worker pops A, pops
/// B and pushes A back (top is A again, now over C); the slow popper's CAS sees A and succeeds, setting top to B — a
/// node the fast worker holds. When the fast worker then pushes B back, B points to itself and A is lost. Caught at the
/// end: every node must be exactly once, on the stack or in the slow popper's hands. Fix: a tag on top that every successful CAS
/// increments (a "counted pointer"), so the slow popper's CAS fails and it retries.
/// <para>
/// Depth 3: the slow popper reads before the fast worker's first pop, the fast worker's push of A comes before the slow
/// popper's CAS, and that CAS comes before the fast worker's push of B (which would make the CAS fail harmlessly): two
/// change points, one stopping the popper between its reads and its CAS, one stopping the fast worker between its two
/// pushes.
/// </para>
/// </summary>
internal static class AbaStack
{
    private const int Empty = -1, Nodes = 3;

    public static void Buggy(ISchedulingSeam rt) => Run(rt, tagged: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, tagged: true);

    private static void Run(ISchedulingSeam rt, bool tagged)
    {
        // Nodes 0 (A), 1 (B), 2 (C): the stack is A -> B -> C. Top holds (node, tag); without tagging the tag stays 0.
        var next = Enumerable.Range(0, Nodes).Select(i => rt.NewVariable(i + 1 < Nodes ? i + 1 : Empty, $"next-{"ABC"[i]}")).ToArray();
        var top = rt.NewVariable((Node: 0, Tag: 0), "top");

        int Pop()
        {
            while (true)
            {
                var seen = top.Read();
                if (seen.Node == Empty) return Empty;
                var successor = next[seen.Node].Read();
                if (top.CompareExchange((successor, tagged ? seen.Tag + 1 : 0), seen) == seen) return seen.Node;
            }
        }
        void Push(int node)
        {
            while (true)
            {
                var seen = top.Read();
                next[node].Write(seen.Node);
                if (top.CompareExchange((node, tagged ? seen.Tag + 1 : 0), seen) == seen) return;
            }
        }

        var held = rt.NewVariable(Empty, "held-by-slow-popper");
        var slow = rt.Spawn(() => held.Write(Pop()), "slow-popper");
        var fast = rt.Spawn(() =>
        {
            var a = Pop();
            var b = Pop();
            Push(a);
            Push(b);
        }, "fast-worker");
        slow.Join();
        fast.Join();

        var seen = new List<int>();
        for (var node = top.Peek().Node; node != Empty && seen.Count <= Nodes; node = next[node].Peek()) seen.Add(node);
        if (held.Peek() != Empty) seen.Add(held.Peek());
        rt.Assert(seen.Count == Nodes && seen.Distinct().Count() == Nodes,
            $"the stack lost or duplicated a node (ABA): stack and hands hold {string.Join(",", seen.Select(n => "ABC"[n]))}, expected each of A, B, C once");
    }
}
