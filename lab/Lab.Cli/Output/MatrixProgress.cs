using System.Collections.Concurrent;
using System.Diagnostics;
using Lab.Matrix;
using Lab.Matrix.Cells;
using Lab.Results;
using Spectre.Console;

namespace Lab.Cli.Output;

/// <summary>
/// Progress of `lab matrix`: one line per set-up step and per cell start and finish (CI logs read these), and on a
/// terminal a live status line under them with the cells running and for how long.
/// </summary>
internal sealed class MatrixProgress : IMatrixProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, (Cell Cell, string Engine, TimeSpan Since)> _running = new();
    private readonly object _gate = new();

    public void Say(string line) => Write(line);

    public void CellStarted(Cell cell, string engine)
    {
        _running[cell.Name] = (cell, engine, _clock.Elapsed);
        Write($"cell {cell.Number} {cell} on {engine}: started");
    }

    public void CellFinished(Cell cell, CellRow row, CellCounts counts)
    {
        _running.TryRemove(cell.Name, out _);
        var exits = string.Join(", ", new[] { ("run", row.RunExit), ("bench", row.BenchExit) }.Where(e => e.Item2.Length > 0).Select(e => $"{e.Item1} exit {e.Item2}"));
        Write($"cell {cell.Number} {cell}: {row.Outcome} in {row.DurationS:0} s ({(exits.Length > 0 ? exits + "; " : "")}{counts}){(row.Detail.Length > 0 ? ": " + row.Detail : "")}");
    }

    /// <summary>Runs the matrix under a live status on a terminal, or plainly in a log.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive) return await run();
        return await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            var work = run();
            while (!work.IsCompleted)
            {
                var running = _running.Values.OrderBy(r => r.Cell.Number)
                    .Select(r => $"{r.Cell.Name} {(_clock.Elapsed - r.Since).TotalMinutes:0.0} min").ToList();
                context.Status(Markup.Escape(running.Count == 0 ? $"{_clock.Elapsed.TotalMinutes:0.0} min" : "running: " + string.Join(", ", running)));
                await Task.WhenAny(work, Task.Delay(1000));
            }
            return await work;
        });
    }

    private void Write(string line)
    {
        lock (_gate) Console.WriteLine($"[{_clock.Elapsed:hh\\:mm\\:ss}] {line}");
    }
}
