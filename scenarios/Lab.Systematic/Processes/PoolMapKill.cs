using Lab.Engine;

namespace Lab.Systematic.Processes;

/// <summary>
/// <c>processes.pool-map-kill</c> (issue #5 §3 with #6): a Pool of 2 workers maps
/// <see cref="ProcessProgramTargets.Square"/> over 8 items in chunks of 2 while the scheduler interleaves the workers, and
/// worker 0 is killed at each of its points in turn (its start, every frame it receives, every batch of results it sends).
/// The parent's result is the correct list, or <see cref="BrokenPoolError"/> (the worker died holding a chunk), never a
/// hang: the wait is bounded, and a timeout is a failed check.
/// <para>
/// The pool's supervisor runs in the parent, uncontrolled, yet the program is deterministic: the whole map is submitted
/// before the first decision and dispatched at once (4 chunks, a window of 3 per worker, round-robin), a worker under a
/// scheduler flushes by content, not by the clock, and says when it blocks waiting for the supervisor. The case is
/// <see cref="ProcessCase.Settled"/> once the map returned or raised: the Stop frames, or the Terminate that follows a
/// broken pool, are teardown that runs free. Every kill before that breaks the pool (the victim holds chunks until its
/// results are written, after its Send point), so the scheduler waits for the map to raise before deciding again.
/// </para>
/// </summary>
public sealed class PoolMapKill : ProcessProgram
{
    public const int Items = 8;
    public const int ChunkSize = 2;
    public static readonly TimeSpan MapLimit = TimeSpan.FromSeconds(20);

    public override string Name => "processes.pool-map-kill";

    public override string Description => "a 2-worker Pool maps 8 items, worker 0 killed at every point: the correct result or a broken-pool error, never a hang";

    public override FaultMode DefaultFaults => FaultMode.EveryPoint;

    public override bool AllowPrestart => false;

    public override ProcessCase Prepare() => new Case(this);

    public enum Outcome { Result, Broken, Wrong, Hang }

    /// <summary>What the last iteration's map returned.</summary>
    public Outcome Last { get; private set; }

    private sealed class Case : ProcessCase
    {
        private readonly PoolMapKill owner;
        private readonly Pool pool = new(processes: 2);
        private readonly Thread mapper;
        private readonly ManualResetEvent settled = new(false);
        private Outcome outcome = Outcome.Hang;
        private string detail = "";

        public Case(PoolMapKill owner)
        {
            this.owner = owner;
            mapper = new Thread(Map) { IsBackground = true, Name = "pool-map-kill mapper" };
            mapper.Start();
        }

        public override IReadOnlyList<ChildSpec> Children => [];

        public override WaitHandle Settled => settled;

        private void Map()
        {
            try
            {
                var result = pool.MapAsync<int, int>(ProcessProgramTargets.Square, Enumerable.Range(0, Items), ChunkSize).Get(MapLimit);
                (outcome, detail) = result.SequenceEqual(Enumerable.Range(0, Items).Select(ProcessProgramTargets.Square))
                    ? (Outcome.Result, "")
                    : (Outcome.Wrong, $"[{string.Join(", ", result)}]");
            }
            catch (BrokenPoolError e)
            {
                (outcome, detail) = (Outcome.Broken, e.Message);
            }
            catch (TimeoutException e)
            {
                (outcome, detail) = (Outcome.Hang, e.Message);
            }
            catch (Exception e)
            {
                (outcome, detail) = (Outcome.Wrong, $"{e.GetType().Name}: {e.Message}");
            }
            // The outcome is fixed before the pool sends anything else (Stop frames, or the Terminate below).
            settled.Set();
            try
            {
                if (outcome == Outcome.Result)
                {
                    pool.Close();
                    if (!pool.Join(MapLimit)) (outcome, detail) = (Outcome.Hang, "the pool's workers did not exit after Close");
                }
            }
            catch (Exception e)
            {
                (outcome, detail) = (Outcome.Wrong, $"{e.GetType().Name} on Close/Join: {e.Message}");
            }
            finally
            {
                // Whatever happened, the workers go: the scheduler's iteration ends when every worker has exited.
                if (outcome != Outcome.Result) pool.Terminate();
            }
        }

        public override string? Check(IReadOnlyList<ChildOutcome> outcomes)
        {
            if (!mapper.Join(MapLimit + TimeSpan.FromSeconds(10))) return "hang: the map did not return";
            owner.Last = outcome;
            var victim = outcomes[0];
            return outcome switch
            {
                Outcome.Result => null,
                Outcome.Broken when victim.Killed => null,
                Outcome.Broken => $"broken pool although no worker was killed: {detail}",
                Outcome.Wrong => $"a wrong result or error: {detail}",
                _ => $"hang: {detail}",
            };
        }

        public override void Dispose()
        {
            pool.Terminate();
            mapper.Join(MapLimit + TimeSpan.FromSeconds(10));
            settled.Dispose();
            base.Dispose();
        }
    }
}
