using Lab.Results.Csv;

namespace Lab.Results;

/// <summary>
/// The files of one cross-OS matrix run, all under <c>results/matrix-RUN/</c>: a folder per cell holding the cell's
/// own <c>conformance-*.csv</c> and <c>bench-*.csv</c> (written by `lab run` and `lab bench` inside the container,
/// rows tagged with their image), plus <c>cells.csv</c> and <c>divergences.csv</c> written by `lab matrix` on the
/// host. Kept apart from the top-level results so that a matrix run never becomes the host's "latest run".
/// </summary>
public sealed record MatrixResults(
    string RunId,
    string Folder,
    IReadOnlyList<ConformanceRow> Conformance,
    IReadOnlyList<BenchRow> Bench,
    IReadOnlyList<CellRow> Cells,
    IReadOnlyList<CrossImageObservationRow> Divergences)
{
    public const string FolderPrefix = "matrix-";
    public const string CellsFileName = "cells.csv";
    public const string DivergencesFileName = "divergences.csv";

    public static string FolderName(string runId) => FolderPrefix + runId;

    public static void WriteCells(string path, IEnumerable<CellRow> rows) => ResultsCsv.WriteRows(path, rows);

    public static void WriteDivergences(string path, IEnumerable<CrossImageObservationRow> rows) =>
        ResultsCsv.WriteRows(path, rows);

    public static IReadOnlyList<CellRow> ReadCells(string path) => ResultsCsv.Read<CellRow>(path);

    public static IReadOnlyList<CrossImageObservationRow> ReadDivergences(string path) =>
        ResultsCsv.Read<CrossImageObservationRow>(path);

    /// <summary>The latest matrix run in <paramref name="resultsDir"/> (folder names sort by the run's UTC start), or
    /// null when there is none. A run without <c>cells.csv</c> is still being written (or was killed) and is skipped.</summary>
    public static MatrixResults? ReadLatest(string resultsDir)
    {
        if (!Directory.Exists(resultsDir)) return null;
        var latest = Directory.GetDirectories(resultsDir, FolderPrefix + "*", SearchOption.TopDirectoryOnly)
            .Where(d => File.Exists(Path.Combine(d, CellsFileName)))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
        return latest is null ? null : Read(latest);
    }

    /// <summary>Reads one matrix run folder.</summary>
    /// <exception cref="InvalidDataException">A file does not match its documented columns.</exception>
    public static MatrixResults Read(string folder)
    {
        var cells = Path.Combine(folder, CellsFileName);
        var divergences = Path.Combine(folder, DivergencesFileName);
        return new MatrixResults(
            Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))[FolderPrefix.Length..],
            folder,
            Files(folder, ResultsCsv.ConformancePattern).SelectMany(ResultsCsv.ReadConformance).ToList(),
            Files(folder, ResultsCsv.BenchPattern).SelectMany(ResultsCsv.ReadBench).ToList(),
            File.Exists(cells) ? ReadCells(cells) : [],
            File.Exists(divergences) ? ReadDivergences(divergences) : []);
    }

    private static IEnumerable<string> Files(string folder, string pattern)
    {
        var files = Directory.GetFiles(folder, pattern, SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
