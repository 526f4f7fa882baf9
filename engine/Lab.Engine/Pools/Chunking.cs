namespace Lab.Engine.Pools;

/// <summary>How a map splits its input (CPython pool.py, Pool._map_async and Pool._get_tasks).</summary>
internal static class Chunking
{
    /// <summary>CPython's default: <c>chunksize, extra = divmod(len(iterable), len(self._pool) * 4); if extra: chunksize += 1</c>.
    /// Zero for an empty input (which never reaches the workers).</summary>
    public static int DefaultChunkSize(int length, int workers)
    {
        var chunk = Math.DivRem(length, workers * 4, out var extra);
        return extra != 0 ? chunk + 1 : chunk;
    }

    public static int Resolve(int? chunksize, int length, int workers)
    {
        if (chunksize is { } c)
        {
            if (c < 1) throw new ArgumentOutOfRangeException(nameof(chunksize), $"Chunksize must be 1+, not {c}");
            return c;
        }
        return Math.Max(1, DefaultChunkSize(length, workers));
    }
}
