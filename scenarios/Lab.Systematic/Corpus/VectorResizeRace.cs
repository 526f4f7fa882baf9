using Lab.Systematic.Seam;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A growable array (capacity 8, doubling) appended to by a writer — each append writes the slot, then publishes the
/// new count — and read once by a reader: the count, then the storage, then the last slot. Bug: at the ninth append the
/// writer publishes the new storage before copying the old slots into it, so a reader that reads the storage inside
/// that window reads an empty slot. The window opens only when the writer is exactly k steps in (eight appends of two
/// steps, the allocation and the publish: k = 18 writer steps), so a schedule has to hold the reader back that long
/// and then let it run at once. Fix: copy, then publish.
/// <para>
/// Depth 2 (one change point, at the right step: PCT finds it with probability about 1/(n·k)), but random scheduling
/// almost never does: it runs the reader at each point with probability about one half, so the reader waits k steps
/// with probability about 2^−k.
/// </para>
/// </summary>
internal static class VectorResizeRace
{
    private const int InitialCapacity = 8, Appends = InitialCapacity + 1;

    public static void Buggy(ISchedulingSeam rt) => Run(rt, copyFirst: false);

    public static void Fixed(ISchedulingSeam rt) => Run(rt, copyFirst: true);

    private static void Run(ISchedulingSeam rt, bool copyFirst)
    {
        ISeamVariable<int>[] Allocate(int capacity, int generation) =>
            Enumerable.Range(0, capacity).Select(i => rt.NewVariable(0, $"slot-{generation}-{i}")).ToArray();
        var storage = rt.NewVariable(Allocate(InitialCapacity, 0), "storage");
        var count = rt.NewVariable(0, "count");

        var writer = rt.Spawn(() =>
        {
            var mine = storage.Read();
            for (var i = 0; i < Appends; i++)
            {
                if (i == mine.Length)
                {
                    var grown = Allocate(mine.Length * 2, 1);
                    if (!copyFirst) storage.Write(grown);
                    for (var j = 0; j < mine.Length; j++) grown[j].Write(j + 1); // slot j holds j + 1: the copy
                    if (copyFirst) storage.Write(grown);
                    mine = grown;
                }
                mine[i].Write(i + 1);
                count.Write(i + 1);
            }
        }, "writer");
        var reader = rt.Spawn(() =>
        {
            var seen = count.Read();
            if (seen == 0) return;
            var slots = storage.Read();
            var value = slots[seen - 1].Read();
            rt.Assert(value == seen, $"a reader saw count {seen} but slot {seen - 1} holds {value}: the storage was published before its slots were copied");
        }, "reader");
        writer.Join();
        reader.Join();
    }
}
