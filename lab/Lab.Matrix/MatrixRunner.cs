using System.Diagnostics;
using Lab.Matrix.Cells;
using Lab.Matrix.Docker;
using Lab.Matrix.Images;
using Lab.Matrix.Judging;
using Lab.Results;
using Lab.Scenarios.Model;
using Outcomes = Lab.Results.Outcomes;

namespace Lab.Matrix;

/// <summary>The result of a matrix run: its folder, cells and cross-image divergences.</summary>
public sealed record MatrixOutcome(string RunId, string Folder, IReadOnlyList<CellRow> Cells, MatrixResults Results,
    IReadOnlyList<CrossImageObservationRow> Divergences, TimeSpan Elapsed)
{
    public int FailedRows => Results.Conformance.Count(r => r.Outcome is Outcomes.Fail or Outcomes.Error or Outcomes.Hang);

    public int FailedCells => Cells.Count(c => c.Outcome != CellRow.Done);

    /// <summary>Rows whose cell's `lab run` marked a defect divergence between subjects (engine against CPython) in that image.</summary>
    public int CrossSubjectDefects => Results.Conformance.Count(r => r.Verdict == Verdicts.Defect);

    /// <summary>`lab matrix` fails as `lab run` would in any image (a failed cell or row, a defect between subjects), and
    /// on a defect divergence across images.</summary>
    public bool Failed => FailedCells > 0 || FailedRows > 0 || CrossSubjectDefects > 0 || CrossImageJudge.HasDefects(Divergences);
}

/// <summary>
/// A whole matrix run (issue #11): connect the engines (starting dockerd if need be), remove stale containers of killed
/// runs, make every image present in every engine (building the missing ones), run the cells in parallel over the
/// engines, then write cells.csv and the judged cross-image divergences next to the cells' own CSV files in
/// results/matrix-RUN/. Whatever happens, this run's containers are removed at the end and a dockerd it started is stopped.
/// </summary>
public static class MatrixRunner
{
    public static async Task<MatrixOutcome> RunAsync(MatrixOptions options, IMatrixProgress progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var runId = RunInfo.Create().RunId;
        var folder = Path.Combine(options.ResultsDir, MatrixResults.FolderName(runId));
        await using var engines = await EngineSet.ConnectAsync(options.DockerHosts, options.WorkDir, progress.Say, cancel);
        foreach (var info in engines.Infos)
            progress.Say($"engine {info.Endpoint}: Docker {info.Version}, API {info.MinApiVersion}–{info.ApiVersion}; speaking {engines.ApiVersion}");
        try
        {
            foreach (var engine in engines.Engines)
            {
                var stale = await Sweeper.RemoveStaleAsync(engine, cancel);
                if (stale > 0) progress.Say($"removed {stale} container(s) left in {engine} by a lab run that was killed");
            }

            var store = new ImageStore(options.ImageCacheDir, options.Mirror, runId);
            var unusable = new Dictionary<string, string>();
            foreach (var recipe in options.Images)
            {
                try
                {
                    foreach (var engine in engines.Engines)
                        await store.EnsureAsync(recipe, engine, progress.Say, cancel);
                }
                catch (ImageBuildException e)
                {
                    unusable[recipe.Hash] = e.Message;
                    progress.Say(e.Message);
                }
            }

            var cells = CellPlanner.Plan(options.Images, options.SubjectSets);
            var rows = await RunCellsAsync(cells, engines, options, runId, folder, unusable, progress, cancel);
            Directory.CreateDirectory(folder);
            MatrixResults.WriteCells(Path.Combine(folder, MatrixResults.CellsFileName), rows.OrderBy(r => r.Image, StringComparer.Ordinal).ThenBy(r => r.Subjects, StringComparer.Ordinal));
            var results = MatrixResults.Read(folder);
            var divergences = CrossImageJudge.Judge(runId, results.Conformance, ScenarioCatalog.Find);
            MatrixResults.WriteDivergences(Path.Combine(folder, MatrixResults.DivergencesFileName), divergences);
            return new MatrixOutcome(runId, folder, rows, results with { Divergences = divergences }, divergences, clock.Elapsed);
        }
        finally
        {
            foreach (var engine in engines.Engines)
            {
                try
                {
                    var left = await Sweeper.RemoveRunAsync(engine, runId, CancellationToken.None);
                    if (left > 0) progress.Say($"removed {left} container(s) of this run from {engine}");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    progress.Say($"could not sweep {engine} for this run's containers: {e.Message}");
                }
            }
            if (engines.Started is { } daemon) progress.Say($"stopping the dockerd this run started (pid {daemon.Pid})");
        }
    }

    private static async Task<List<CellRow>> RunCellsAsync(IReadOnlyList<Cell> cells, EngineSet engines, MatrixOptions options, string runId, string folder,
        IReadOnlyDictionary<string, string> unusable, IMatrixProgress progress, CancellationToken cancel)
    {
        var rows = new List<CellRow>();
        var runnable = new List<Cell>();
        foreach (var cell in cells)
        {
            if (unusable.TryGetValue(cell.Recipe.Hash, out var why))
            {
                var row = new CellRow
                {
                    RunId = runId, Image = cell.Recipe.Label, Subjects = cell.Subjects, Engine = "", Outcome = CellRow.Error,
                    Utc = DateTimeOffset.UtcNow, DurationS = 0, Detail = why,
                };
                rows.Add(row);
                progress.CellFinished(cell, row, new CellCounts(0, 0, 0, 0, 0, 0));
            }
            else
            {
                runnable.Add(cell);
            }
        }
        var queue = new CellQueue(runnable, engines.Engines.Count, Math.Max(1, options.Jobs));
        var settings = new CellSettings(options.LabDir, runId, options.CellTimeLimit);
        var gate = new object();
        var workers = Enumerable.Range(0, Math.Max(1, options.Jobs)).Select(_ => Task.Run(async () =>
        {
            while (queue.TryTake(out var cell, out var engineIndex))
            {
                var engine = engines.Engines[engineIndex];
                try
                {
                    progress.CellStarted(cell, engine.ToString());
                    var cellDir = Path.Combine(folder, cell.Name);
                    var row = await CellRunner.RunAsync(cell, engine, cellDir, options.Commands, settings, cancel);
                    lock (gate) rows.Add(row);
                    progress.CellFinished(cell, row, Count(cellDir));
                }
                finally
                {
                    queue.Done(engineIndex);
                }
            }
        }, cancel)).ToArray();
        await Task.WhenAll(workers);
        return rows;
    }

    /// <summary>The outcomes in a cell's folder (a cell's rows are whatever its CSV files hold, even if it failed later).</summary>
    public static CellCounts Count(string cellDir)
    {
        if (!Directory.Exists(cellDir)) return new CellCounts(0, 0, 0, 0, 0, 0);
        var rows = ResultsCsv.ReadAllConformance(cellDir);
        var bench = ResultsCsv.ReadAllBench(cellDir);
        int N(string outcome) => rows.Count(r => r.Outcome == outcome);
        return new CellCounts(N(Outcomes.Pass), N(Outcomes.Fail), N(Outcomes.Error), N(Outcomes.Hang), N(Outcomes.Skip), bench.Count);
    }
}
