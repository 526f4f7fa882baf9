using Lab.Engine;
using Lab.Engine.Logging;
using Lab.Engine.Queues;
using Lab.Engine.Synchronization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;
using Microsoft.Extensions.Logging;

namespace Lab.Scenarios.EngineTwins.Logging;

/// <summary>Survivors log half their records; the victim logs a marker and large records and is SIGKILLed, flushed
/// (between-records) or blocked in its feeder's write of a large record while the listener is held in the marker's
/// handler (mid-write); then the survivors log the rest. See KilledMidRecordScenario.</summary>
public sealed class KilledMidRecordTwin : EngineTwin
{
    /// <summary>How long the listener is given to end by itself once let go (the engine's reader checks a stalled
    /// writer every 100 ms) before it counts as stalled.</summary>
    private static readonly TimeSpan StallGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long the survivors are given to log their second half and exit.</summary>
    private static readonly TimeSpan SurvivorGrace = TimeSpan.FromSeconds(4);

    public override string Id => "logging.killed-mid-record";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var kill = (string)@case.Params["kill"]!;
        var (workers, records, size) = (@case.Int("workers"), @case.Int("records"), @case.Int("record_bytes"));
        var midWrite = kill == "mid-write";
        var keeper = new GatedKeeper(midWrite, budget);
        using var factory = LoggerFactory.Create(b => b.AddProvider(keeper.Provider));
        using var queue = new ProcessQueue();
        var listener = new QueueLogListener(queue, factory);
        using var go = new ProcessEvent();
        using var scope = new ChildScope(context, budget);
        try
        {
            listener.Start();
            var seconds = (int)budget.TotalSeconds + 30;
            var survivors = Enumerable.Range(0, workers).Select(w => scope.Start(LoggingTargets.LogHalvesAroundKill, [queue, w, records, go, seconds])).ToList();
            if (!WaitUntil(scope, () => keeper.Count(w => w != LoggingTargets.Victim) >= workers * records))
                return Run.Hang("the survivors' first halves at the listener");
            var (victim, conn) = scope.StartConnected(LoggingTargets.LogLargeThenBlock, queue, kill, size);
            if (midWrite)
            {
                if (!WaitUntil(scope, () => keeper.Paused.IsSet)) return Run.Hang("the victim's first record at the listener");
                // More than a pipe's worth cannot fit: once its first bytes are readable the feeder is blocked in this write.
                if (!WaitUntil(scope, () => !queue.Empty())) return Run.Hang("the victim's large record in the pipe");
            }
            else if (!Expect.Message(conn, scope, victim, "the victim's 'idle'", out _, out var failure))
                return failure!;
            victim.Kill();
            if (!scope.Join(victim)) return Run.Hang("the SIGKILLed victim");
            keeper.Gate.Set();
            var ended = midWrite && WaitUntil(scope, () => listener.Fault is not null, StallGrace);
            go.Set();
            var deadline = Environment.TickCount64 + (long)SurvivorGrace.TotalMilliseconds;
            foreach (var p in survivors) p.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));
            var codes = survivors.Select(p => p.ExitCode).ToList();
            var outcome = codes.Any(c => c is null) ? "blocked" : codes.All(c => c == 0) ? "exited" : "failed";
            string state;
            if (midWrite && !ended) state = "stalled";
            else if (listener.Fault is not null) state = listener.Stop(scope.Remaining) ? "broken" : "broken-stop-hung";
            else state = listener.Stop(scope.Remaining) ? (listener.Fault is null ? "stopped" : "broken") : "stop-hung";
            var mine = keeper.Records;
            var theirs = mine.Where(r => r.Worker != LoggingTargets.Victim).ToList();
            var whole = theirs.All(r => r.Worker is int w && r.Index is int i && r.Message == $"worker {w} record {i}");
            var inOrder = Enumerable.Range(0, workers).All(w =>
            {
                var got = theirs.Where(r => r.Worker == w).Select(r => r.Index).ToList();
                return got.SequenceEqual(Enumerable.Range(0, got.Count).Select(i => (int?)i));
            });
            var victimWhole = mine.Count(r => r.Worker == LoggingTargets.Victim && r.Index is int i
                && r.Message == $"worker {LoggingTargets.Victim} record {i}: {LoggingTargets.VictimPayload(i, size)}");
            return new(Observe.Pairs(("listener", state), ("survivor_records", theirs.Count), ("whole", whole),
                    ("per_worker_order", inOrder), ("victim_records", victimWhole), ("survivors", outcome)),
                $"victim SIGKILLed ({kill}; exit code {victim.ExitCode}); survivors' exit codes [{string.Join(", ", codes.Select(c => c?.ToString() ?? "alive"))}] " +
                $"({SurvivorGrace.TotalSeconds:0} s after go); listener {state}: {listener.Fault?.GetType().Name} {listener.Fault?.Message}");
        }
        finally
        {
            keeper.Gate.Set();
            // A stalled or broken listener must not hold the run: Stop is bounded, and Fault ends it without a sentinel
            // (Stop's sentinel Put throws if the queue broke before the listener noticed).
            try { listener.Stop(TimeSpan.FromSeconds(5)); }
            catch (QueueBrokenError) { }
        }
    }

    private static bool WaitUntil(ChildScope scope, Func<bool> condition, TimeSpan? cap = null)
    {
        var deadline = Environment.TickCount64 + (long)(cap is { } c && c < scope.Remaining ? c : scope.Remaining).TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 >= deadline) return false;
            Thread.Sleep(2);
        }
        return true;
    }

    /// <summary>The parent's logging: a <see cref="RecordKeeper"/> that, when gated, holds the listener's thread inside
    /// the victim's marker until <see cref="Gate"/> is set, so nobody reads the queue's pipe meanwhile.</summary>
    private sealed class GatedKeeper
    {
        public GatedKeeper(bool gated, TimeSpan hold) => Provider = new RecordKeeper(kept =>
        {
            if (!gated || kept.Category != LoggingTargets.Category || kept.Worker as int? != LoggingTargets.Victim || kept.Index as int? != LoggingTargets.MarkerIndex) return;
            Paused.Set();
            Gate.Wait(hold);
        });

        public RecordKeeper Provider { get; }

        public ManualResetEventSlim Paused { get; } = new();

        public ManualResetEventSlim Gate { get; } = new();

        /// <summary>The workers' records (of the workers' category), their Worker and Index as numbers.</summary>
        public IReadOnlyList<(string Message, int? Worker, int? Index)> Records =>
            [.. Provider.Records.Where(r => r.Category == LoggingTargets.Category).Select(r => (r.Message, r.Worker as int?, r.Index as int?))];

        public int Count(Func<int?, bool> worker) => Records.Count(r => worker(r.Worker));
    }
}
