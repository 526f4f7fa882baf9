using Lab.Engine.Synchronization;
using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// ProcessBarrier (threading.Barrier's algorithm over a ProcessCondition on a ProcessLock) under the controlled
/// scheduler: three parties, two rounds. Nobody may leave a round before every party arrived at it, each round hands
/// out the indices 0, 1, 2 once each, and the barrier ends unbroken.
/// </summary>
internal static class BarrierProgram
{
    private const int Parties = 3, Rounds = 2;

    public static void ThreePartiesTwoRounds(ControlledRuntime rt)
    {
        using var barrier = new ProcessBarrier(Parties);
        var arrived = new int[Rounds];
        var indices = new int[Rounds];
        void Party()
        {
            for (var round = 0; round < Rounds; round++)
            {
                arrived[round]++;
                var index = barrier.Wait();
                rt.Assert(arrived[round] == Parties, $"a party left round {round} when only {arrived[round]} of {Parties} had arrived");
                rt.Assert(index is >= 0 and < Parties && (indices[round] & (1 << index)) == 0, $"index {index} handed out twice in round {round}");
                indices[round] |= 1 << index;
            }
        }
        var parties = new[] { rt.Spawn(Party, "party-1"), rt.Spawn(Party, "party-2"), rt.Spawn(Party, "party-3") };
        foreach (var party in parties) party.Join();
        rt.Assert(!barrier.Broken, "the barrier broke without a timeout, abort or reset");
        rt.Assert(indices.All(i => i == 0b111), "a round did not hand out indices 0, 1 and 2");
    }
}
