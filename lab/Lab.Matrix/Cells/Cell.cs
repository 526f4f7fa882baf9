using Lab.Matrix.Images;

namespace Lab.Matrix.Cells;

/// <summary>One unit of a matrix run (issue #11 §4): one OS image and one set of subjects (as `lab run --subject` names
/// it), run in one container.</summary>
public sealed record Cell(int Number, ImageRecipe Recipe, string Subjects)
{
    /// <summary>Folder and container name part, e.g. <c>bookworm-all</c>.</summary>
    public string Name => $"{Recipe.Suite}-{Subjects}";

    public override string ToString() => $"{Recipe.Label} {Subjects}";
}

/// <summary>The cells of a run: every image with every subject set, image by image (oldest suite first), numbered from 1.</summary>
public static class CellPlanner
{
    public static IReadOnlyList<Cell> Plan(IReadOnlyList<ImageRecipe> images, IReadOnlyList<string> subjectSets)
    {
        if (images.Count == 0) throw new ArgumentException("no image to run on", nameof(images));
        if (subjectSets.Count == 0) throw new ArgumentException("no subject set to run", nameof(subjectSets));
        var sets = subjectSets.Distinct(StringComparer.Ordinal).ToList();
        return images.DistinctBy(i => i.Hash)
            .SelectMany(image => sets.Select(subjects => (image, subjects)))
            .Select((c, i) => new Cell(i + 1, c.image, c.subjects))
            .ToList();
    }
}

/// <summary>
/// Hands out cells to workers as work-queue items, each with the engine that has the fewest cells running (ties: the
/// engine given first), so several engines share a run by their free capacity rather than by a fixed split. At most
/// <c>jobs</c> cells run at once. Thread-safe.
/// </summary>
public sealed class CellQueue
{
    private readonly Queue<Cell> _waiting;
    private readonly int[] _running;
    private readonly int _jobs;
    private readonly object _gate = new();

    public CellQueue(IEnumerable<Cell> cells, int engines, int jobs)
    {
        if (engines < 1) throw new ArgumentOutOfRangeException(nameof(engines), engines, "at least one engine");
        if (jobs < 1) throw new ArgumentOutOfRangeException(nameof(jobs), jobs, "at least one job");
        _waiting = new Queue<Cell>(cells);
        _running = new int[engines];
        _jobs = jobs;
    }

    /// <summary>The next cell and the engine (index) to run it on; false when none is left or <c>jobs</c> cells run.</summary>
    public bool TryTake(out Cell cell, out int engine)
    {
        lock (_gate)
        {
            cell = null!;
            engine = -1;
            if (_waiting.Count == 0 || _running.Sum() >= _jobs) return false;
            cell = _waiting.Dequeue();
            engine = Array.IndexOf(_running, _running.Min());
            _running[engine]++;
            return true;
        }
    }

    /// <summary>A cell on <paramref name="engine"/> ended (however it ended).</summary>
    public void Done(int engine)
    {
        lock (_gate)
        {
            if (_running[engine] == 0) throw new InvalidOperationException($"no cell is running on engine {engine}");
            _running[engine]--;
        }
    }

    public int Waiting
    {
        get
        {
            lock (_gate) return _waiting.Count;
        }
    }
}
