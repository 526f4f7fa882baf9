namespace Lab.Results.Csv;

/// <summary>
/// Replaces a file in one step: readers (a report being rendered, a container's mounted results
/// directory) see the old file or the new one, never a half-written one. The temporary file lives
/// in the target's directory because rename(2) is atomic only within one file system.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        // Dot-prefixed and not ending in .csv, so the conformance-*.csv / bench-*.csv globs skip it.
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure is the one worth reporting; a stray .tmp is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
