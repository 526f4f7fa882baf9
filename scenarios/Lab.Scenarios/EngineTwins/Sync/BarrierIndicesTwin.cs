using Lab.Engine;
using Lab.Engine.Connections;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Sync;

/// <summary>Three children wait at a Barrier(3); the parent collects the indices they got.</summary>
public sealed class BarrierIndicesTwin : EngineTwin
{
    public override string Id => "sync.barrier-indices";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        using var barrier = new ProcessBarrier(3);
        var (results, failure) = BarrierParties.Run(scope, barrier, [60, 60, 60]);
        if (failure is not null) return failure;
        var indices = results.Where(r => r.StartsWith("index ", StringComparison.Ordinal)).Select(r => int.Parse(r[6..])).Order().ToList();
        return new(Observe.Pairs(("indices", indices.Count == 3 ? string.Join(",", indices) : "incomplete")),
            $"three processes at Barrier(3): {string.Join("; ", results)}");
    }
}

/// <summary>Starts one child per timeout at the barrier and collects what each reports.</summary>
internal static class BarrierParties
{
    public static (List<string> Results, Observation? Failure) Run(ChildScope scope, ProcessBarrier barrier, double[] timeoutsSeconds)
    {
        var parties = new List<(Connection Reader, Process Child)>();
        try
        {
            foreach (var timeout in timeoutsSeconds)
            {
                var (reader, writer) = Pipe.Create(duplex: false);
                parties.Add((reader, scope.Start(SyncTargets.BarrierParty, [barrier, writer, timeout])));
                writer.Close();
            }
            var results = new List<string>();
            foreach (var (reader, child) in parties)
            {
                if (!Expect.Message(reader, scope, child, "a barrier party's result", out var result, out var failure)) return ([], failure);
                results.Add((string)result!);
            }
            foreach (var (_, child) in parties)
                if (!scope.Join(child)) return ([], Support.Run.Hang("a barrier party"));
            return (results, null);
        }
        finally
        {
            foreach (var (reader, _) in parties) reader.Close();
        }
    }
}
