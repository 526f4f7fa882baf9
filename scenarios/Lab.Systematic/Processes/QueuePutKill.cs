using Lab.Engine.Queues;

namespace Lab.Systematic.Processes;

/// <summary>
/// <c>processes.queue-put-kill</c> (issue #5 §3): a child puts one large item (256 KiB of a position-dependent pattern) on
/// a ProcessQueue while the parent reads it on a thread of its own; the child is killed at each of its points in turn —
/// its start, and every ≤ 64 KiB chunk of the feeder's write. Whatever the point, the parent gets the whole item (every
/// byte checked), or <see cref="QueueBrokenError"/>, or — killed before the first byte left — nothing, seen as an empty
/// queue once the writer is dead. Never a garbage object, never a hang (the reader is bounded), never a timeout.
/// </summary>
public sealed class QueuePutKill : ProcessProgram
{
    public const int ItemBytes = 256 * 1024;

    /// <summary>Bounds the reader: far above a healthy run (milliseconds), it turns a hang into a failed check.</summary>
    public static readonly TimeSpan ReaderLimit = TimeSpan.FromSeconds(20);

    public override string Name => "processes.queue-put-kill";

    public override string Description => "a child puts a 256 KiB item, killed at every point: the reader gets the whole item, a broken-queue error, or (killed before writing) nothing";

    public override FaultMode DefaultFaults => FaultMode.EveryPoint;

    public override ProcessCase Prepare() => new Case(this);

    /// <summary>What the last iteration's reader saw.</summary>
    public Outcome Last { get; private set; }

    /// <summary>What the reader saw.</summary>
    public enum Outcome { Item, Broken, Nothing, Garbage, Hang }

    private sealed class Case : ProcessCase
    {
        private readonly QueuePutKill owner;
        private readonly ProcessQueue queue = new();
        private readonly ManualResetEventSlim writerGone = new();
        private readonly Thread reader;
        private Outcome outcome = Outcome.Hang;
        private string detail = "";

        public Case(QueuePutKill owner)
        {
            this.owner = owner;
            reader = new Thread(Read) { IsBackground = true, Name = "queue-put-kill reader" };
            reader.Start();
        }

        public override IReadOnlyList<ChildSpec> Children => [new ChildSpec("writer", ProcessProgramTargets.Writer, [queue, ItemBytes])];

        public override string? Check(IReadOnlyList<ChildOutcome> outcomes)
        {
            writerGone.Set();
            if (!reader.Join(ReaderLimit + TimeSpan.FromSeconds(5))) return "hang: the reader thread did not finish";
            var writer = outcomes[0];
            owner.Last = outcome;
            return outcome switch
            {
                Outcome.Item => null,
                Outcome.Broken or Outcome.Nothing when writer.Killed => null,
                Outcome.Broken or Outcome.Nothing => $"the writer was not killed ({writer}), yet the reader got {outcome}: {detail}",
                Outcome.Garbage => $"the reader got garbage after the writer {(writer.Killed ? $"was killed at point {writer.Points - 1}" : "exited")}: {detail}",
                _ => $"hang: the reader got nothing within {ReaderLimit.TotalSeconds:0} s ({writer})",
            };
        }

        private void Read()
        {
            var limit = DateTime.UtcNow + ReaderLimit;
            while (DateTime.UtcNow < limit)
            {
                try
                {
                    var item = queue.Get(timeout: TimeSpan.FromMilliseconds(20));
                    (outcome, detail) = item is byte[] bytes && bytes.AsSpan().SequenceEqual(ProcessProgramTargets.Pattern(ItemBytes))
                        ? (Outcome.Item, "")
                        : (Outcome.Garbage, $"an item that is not the pattern ({(item is byte[] b ? $"{b.Length} bytes" : item?.GetType().Name ?? "null")})");
                    return;
                }
                catch (QueueEmptyError)
                {
                    // The writer is the only writer: once it is dead and nothing is readable, nothing ever will be.
                    if (writerGone.IsSet && queue.Empty()) { outcome = Outcome.Nothing; return; }
                }
                catch (QueueBrokenError e)
                {
                    (outcome, detail) = (Outcome.Broken, e.Message);
                    return;
                }
                catch (Exception e)
                {
                    (outcome, detail) = (Outcome.Garbage, $"{e.GetType().Name}: {e.Message}");
                    return;
                }
            }
        }

        public override void Dispose()
        {
            writerGone.Set();
            reader.Join(ReaderLimit + TimeSpan.FromSeconds(5));
            queue.Dispose();
            writerGone.Dispose();
            base.Dispose();
        }
    }
}
