using System.Diagnostics;
using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Lab.Matrix.Docker;
using Lab.Matrix.Host;
using Lab.Results;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lab.Matrix.Cells;

/// <summary>What each cell runs inside its container: `lab run` and/or `lab bench` with these arguments (the matrix's
/// pass-through options) and the cell's --subject, each writing to /results. Null: that part is not run.</summary>
public sealed record CellCommands(IReadOnlyList<string>? Run, IReadOnlyList<string>? Bench);

/// <summary>Where and how long: the self-contained lab to mount, the run's id (a label on every container) and the
/// time limit of one cell (image start, `lab run` and `lab bench` together).</summary>
public sealed record CellSettings(string LabDir, string RunId, TimeSpan TimeLimit);

/// <summary>
/// Runs one cell in a container, through Testcontainers from creation to removal (issue #11 §1, §3): the imported image
/// (never pulled: there is no registry), the self-contained lab bind-mounted read-only at /lab, the cell's results
/// folder the only writable mount (/results), and what the scenarios need from the container, set in
/// <see cref="ContainerNeeds"/>. `lab run` and `lab bench` run through exec, their output goes to run.log and bench.log
/// in the cell's folder. A cell that outlives its limit is killed with its container and recorded as `hang`.
/// </summary>
public static class CellRunner
{
    public const string LabMount = "/lab";
    public const string ResultsMount = "/results";

    /// <summary>/dev/shm in every container. Docker's default is 64 MiB, and the shared-memory benchmark (shm-copy) alone
    /// copies a 64 MiB block into another; the engine's and CPython's named blocks and semaphores live there too.
    /// tmpfs takes memory only for what is written.</summary>
    public const long ShmBytes = 1L << 30;

    public static async Task<CellRow> RunAsync(Cell cell, LabDockerEndpoint engine, string cellDir, CellCommands commands, CellSettings settings, CancellationToken cancel)
    {
        Directory.CreateDirectory(cellDir);
        var clock = Stopwatch.StartNew();
        var utc = DateTimeOffset.UtcNow;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(settings.TimeLimit);
        string runExit = "", benchExit = "";
        var container = Build(cell, engine, cellDir, settings);
        try
        {
            await container.StartAsync(limit.Token);
            if (commands.Run is { } run)
                runExit = await ExecAsync(container, "run", ["--subject", cell.Subjects, .. run], Path.Combine(cellDir, "run.log"), limit.Token);
            if (commands.Bench is { } bench)
                benchExit = await ExecAsync(container, "bench", ["--subject", cell.Subjects, .. bench], Path.Combine(cellDir, "bench.log"), limit.Token);
            var missing = Missing(cellDir, commands);
            return Row(missing is null ? CellRow.Done : CellRow.Error, missing ?? "");
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            return Row(CellRow.Hang, $"killed after its time limit of {settings.TimeLimit.TotalMinutes:0.#} min");
        }
        catch (Exception e) when (!cancel.IsCancellationRequested && e is not OutOfMemoryException)
        {
            return Row(CellRow.Error, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            // Removal (forced: a hung cell's processes die with it). Testcontainers removes the container on disposal;
            // the run's sweep by label catches anything left if this fails.
            try
            {
                await container.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                File.AppendAllText(Path.Combine(cellDir, "run.log"), $"\n(lab matrix: removing the container failed: {e.Message}; the end-of-run sweep removes it)\n");
            }
        }

        CellRow Row(string outcome, string detail) => new()
        {
            RunId = settings.RunId,
            Image = cell.Recipe.Label,
            Subjects = cell.Subjects,
            Engine = engine.ToString(),
            Outcome = outcome,
            Utc = utc,
            DurationS = Math.Round(clock.Elapsed.TotalSeconds, 1),
            RunExit = runExit,
            BenchExit = benchExit,
            Detail = detail,
        };
    }

    private static IContainer Build(Cell cell, LabDockerEndpoint engine, string cellDir, CellSettings settings) =>
        new ContainerBuilder(cell.Recipe.Reference)
            .WithDockerEndpoint(engine)
            .WithLogger(NullLogger.Instance)
            .WithImagePullPolicy(PullPolicy.Never)
            .WithName($"lab-{settings.RunId}-{cell.Name}".ToLowerInvariant())
            .WithHostname(cell.Name)
            .WithLabel(LabLabels.Run, settings.RunId)
            .WithLabel(LabLabels.ImageRecipe, cell.Recipe.Hash)
            .WithLabel(LabLabels.Owner, OwnerProcess.Current.ToString())
            // An imported image has no command: the container idles until the lab's commands have run through exec.
            .WithEntrypoint("/bin/sleep")
            .WithCommand("infinity")
            .WithBindMount(Path.GetFullPath(settings.LabDir), LabMount, AccessMode.ReadOnly)
            .WithBindMount(Path.GetFullPath(cellDir), ResultsMount, AccessMode.ReadWrite)
            .WithEnvironment(RunInfo.ImageVariable, cell.Recipe.Label)
            .WithEnvironment("HOME", "/tmp")
            .WithCreateParameterModifier(ContainerNeeds)
            // Ready when the mounted lab runs in this image (its runtime's native dependencies are all there).
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted($"{LabMount}/lab", "--version"))
            .Build();

    /// <summary>What the scenarios need from a container, beyond Docker's defaults.</summary>
    private static void ContainerNeeds(global::Docker.DotNet.Models.CreateContainerParameters p)
    {
        // An init as PID 1 (docker-init, i.e. tini) reaps orphans: the termination scenarios kill parents on purpose,
        // and their daemon children and grandchildren are re-parented to PID 1, which `sleep` would never wait for.
        p.HostConfig ??= new global::Docker.DotNet.Models.HostConfig();
        p.HostConfig.Init = true;
        p.HostConfig.ShmSize = ShmBytes;
        // No network: nothing in a cell talks to the outside, and the results leave through the mount.
        p.HostConfig.NetworkMode = "none";
    }

    private static async Task<string> ExecAsync(IContainer container, string verb, IReadOnlyList<string> args, string logPath, CancellationToken cancel)
    {
        var command = new List<string> { $"{LabMount}/lab", verb, "--results", ResultsMount };
        command.AddRange(args);
        await File.AppendAllTextAsync(logPath, $"$ {string.Join(' ', command)}\n", CancellationToken.None);
        var result = await container.ExecAsync(command, cancel);
        await File.AppendAllTextAsync(logPath, result.Stdout + (result.Stderr.Length > 0 ? "\n--- stderr ---\n" + result.Stderr : "") +
                                               $"\n(exit code {result.ExitCode})\n", CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture, $"{result.ExitCode}");
    }

    /// <summary>Why the cell's results are incomplete (a command ran but wrote no CSV), or null.</summary>
    private static string? Missing(string cellDir, CellCommands commands)
    {
        var problems = new List<string>();
        if (commands.Run is not null && ResultsCsv.FilesIn(cellDir, ResultsCsv.ConformancePattern).Count == 0)
            problems.Add("lab run wrote no conformance CSV (see run.log)");
        if (commands.Bench is not null && ResultsCsv.FilesIn(cellDir, ResultsCsv.BenchPattern).Count == 0)
            problems.Add("lab bench wrote no bench CSV (see bench.log)");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
