using Lab.Matrix.Cells;
using Lab.Matrix.Images;

namespace Lab.Matrix;

/// <summary>One matrix run, as `lab matrix` was asked for it.</summary>
/// <param name="SubjectSets">One cell per image and set (`--subject`, repeatable): engine, cpython or all.</param>
/// <param name="LabDir">The self-contained lab (linux-x64) mounted read-only into every container.</param>
/// <param name="WorkDir">The image cache (root file system tarballs, debootstrap's package cache, build logs) and the
/// log of a dockerd the lab starts.</param>
public sealed record MatrixOptions(
    IReadOnlyList<ImageRecipe> Images,
    IReadOnlyList<string> DockerHosts,
    int Jobs,
    IReadOnlyList<string> SubjectSets,
    CellCommands Commands,
    string LabDir,
    string ResultsDir,
    string WorkDir,
    string Mirror,
    TimeSpan CellTimeLimit)
{
    public string ImageCacheDir => Path.Combine(WorkDir, "images");

    /// <summary>The default work folder: per user and machine, not per checkout, because what it holds is: images are
    /// named by recipe, the system engine keeps them across checkouts, and so can the tarballs other engines import
    /// (a fresh clone, CI's among them, then imports in seconds instead of running debootstrap).
    /// $XDG_CACHE_HOME/lab-matrix, else ~/.cache/lab-matrix.</summary>
    public static string DefaultWorkDir =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "lab-matrix");
}

/// <summary>What a matrix run reports while it goes; the CLI prints it (plain lines in a log, a live view on a terminal).</summary>
public interface IMatrixProgress
{
    /// <summary>A step of the set-up: engines, images, clean-up.</summary>
    void Say(string line);

    void CellStarted(Cell cell, string engine);

    void CellFinished(Cell cell, Lab.Results.CellRow row, CellCounts counts);
}

/// <summary>A cell's conformance outcomes and benchmark series, read back from its CSV files.</summary>
public sealed record CellCounts(int Pass, int Fail, int Error, int Hang, int Skip, int BenchSeries)
{
    public int Failed => Fail + Error + Hang;

    public override string ToString() => $"{Pass} pass, {Fail} fail, {Error} error, {Hang} hang, {Skip} skip; {BenchSeries} bench series";
}
