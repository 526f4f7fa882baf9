using Lab.Scenarios.Model;
using Lab.Matrix.Cells;
using Lab.Matrix.Docker;
using Lab.Matrix.Host;
using Lab.Matrix.Images;
using Lab.Results;
using Xunit.Abstractions;
using Outcomes = Lab.Results.Outcomes;

namespace Lab.Matrix.Tests;

/// <summary>
/// The matrix for real (issue #11 §6): two private Docker engines started by the test (each with its own socket, data
/// root and exec root under a temporary folder), one image (bookworm, built with debootstrap or reused from the image
/// cache `lab matrix` uses, ~/.cache/lab-matrix), two cells (engine, cpython) spread over the two engines, a handful of scenarios and one
/// benchmark in each. Afterwards nothing is left: the run removed its containers, the daemons are stopped, and the
/// images they imported go with their data roots. Skipped, with the reason, where Docker cannot be started (not root).
/// </summary>
public sealed class MatrixEndToEndTests(ITestOutputHelper output)
{
    /// <summary>Set by run-all.sh test to the self-contained lab it published; otherwise the test publishes one.</summary>
    public const string LabVariable = "LAB_MATRIX_LAB";

    [SkippableFact]
    public async Task Matrix_OneImageOnTwoEngines_RunsScenariosAndABenchmarkInContainersAndLeavesNothing()
    {
        Skip.IfNot(Privileges.IsRoot, "the end-to-end matrix test starts its own Docker daemons, which needs root");
        var repo = RepositoryRoot();
        var work = MatrixOptions.DefaultWorkDir;
        var scratch = Path.Combine(Path.GetTempPath(), "lab-mx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var daemons = new List<DockerDaemon>();
        try
        {
            await AptPackages.EnsureAsync(EngineSet.Tools, Path.Combine(scratch, "apt.log"), output.WriteLine, timeout.Token);
            var lab = Environment.GetEnvironmentVariable(LabVariable) is { Length: > 0 } given ? given : await PublishAsync(repo, scratch, timeout.Token);
            foreach (var name in new[] { "a", "b" })
                daemons.Add(await DockerDaemon.StartAsync(DaemonLayout.Private(Path.Combine(scratch, name)), timeout.Token));
            var bookworm = Suites.Select(["bookworm"]);
            var options = new MatrixOptions(
                bookworm,
                daemons.Select(d => d.Layout.Endpoint.ToString()).ToList(),
                Jobs: 2,
                SubjectSets: ["engine", "cpython"],
                new CellCommands(["--area", "start-methods", "--quick", "--seed", "7"], ["--benchmark", "start-latency", "--n", "3", "--warmup", "1", "--quick"]),
                lab,
                Path.Combine(scratch, "results"),
                work,
                AptMirror.Detect(),
                TimeSpan.FromMinutes(10));

            var outcome = await MatrixRunner.RunAsync(options, new TestProgress(output), timeout.Token);

            Assert.Equal(2, outcome.Cells.Count);
            Assert.All(outcome.Cells, c => Assert.Equal(CellRow.Done, c.Outcome));
            // Two cells, two engines, two jobs: the work queue gives each engine one.
            Assert.Equal(2, outcome.Cells.Select(c => c.Engine).Distinct().Count());
            var label = bookworm[0].Label;
            var rows = outcome.Results.Conformance;
            Assert.Equal(["cpython", "engine"], rows.Select(r => r.Subject).Distinct().Order());
            Assert.All(rows, r => Assert.Equal(label, r.Image));
            Assert.All(rows, r => Assert.Contains("bookworm", r.Os));
            Assert.All(rows.Where(r => r.Subject == "cpython"), r => Assert.StartsWith("3.11.", r.SubjectVersion));
            Assert.Contains(rows, r => r.Outcome == Outcomes.Pass && r.Scenario == "start-methods.default" && r.Subject == "cpython" && r.Observed == Observation.Parse("default=fork").ToJson());
            // Each cell ran its own subject set only.
            Assert.All(outcome.Cells, c => Assert.All(ResultsCsv.ReadAllConformance(Path.Combine(outcome.Folder, $"bookworm-{c.Subjects}")), r => Assert.Equal(c.Subjects, r.Subject)));
            var failed = rows.Where(r => r.Outcome is Outcomes.Fail or Outcomes.Error or Outcomes.Hang).ToList();
            Assert.True(failed.Count == 0, "failed rows: " + string.Join("; ", failed.Select(r => $"{r.Scenario} {r.Subject}/{r.StartMethod}: {r.Observed} ({r.Detail})")));
            Assert.Contains(outcome.Results.Bench, b => b.Benchmark == "start-latency" && b.Subject == "engine" && b.Image == label);
            Assert.Contains(outcome.Results.Bench, b => b.Benchmark == "start-latency" && b.Subject == "cpython" && b.Image == label);
            Assert.Empty(outcome.Divergences); // one image: nothing to diverge across
            Assert.True(File.Exists(Path.Combine(outcome.Folder, MatrixResults.CellsFileName)));

            foreach (var daemon in daemons)
            {
                var (info, error) = await EngineProbe.ProbeAsync(daemon.Layout.Endpoint, TimeSpan.FromSeconds(10), timeout.Token);
                Assert.True(info is not null, error);
                using var client = new LabDockerEndpoint(daemon.Layout.Endpoint, ApiVersionNegotiation.Negotiate([info])).CreateClient();
                var left = await client.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters { All = true }, timeout.Token);
                Assert.Empty(left);
            }
        }
        finally
        {
            foreach (var daemon in daemons) await daemon.DisposeAsync();
            var running = daemons.Where(d => Directory.Exists($"/proc/{d.Pid}")).Select(d => d.Pid).ToList();
            // The daemons' data roots hold the images they imported: they go with the folder.
            Directory.Delete(scratch, recursive: true);
            Assert.True(running.Count == 0, $"dockerd still runs: {string.Join(", ", running)}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lab.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Lab.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The lab published self-contained for linux-x64, as run-all.sh matrix does (about a minute).</summary>
    private async Task<string> PublishAsync(string repo, string scratch, CancellationToken cancel)
    {
        var dir = Path.Combine(scratch, "lab");
        output.WriteLine($"publishing a self-contained lab to {dir} ({LabVariable} is not set)");
        var result = await ExternalCommand.RunAsync("dotnet",
            ["publish", Path.Combine(repo, "lab", "Lab.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-o", dir, "--verbosity", "quiet", "-nologo"],
            Path.Combine(scratch, "publish.log"), TimeSpan.FromMinutes(10), cancel);
        Assert.True(result.Succeeded, $"dotnet publish failed: {result.OutputTail}");
        return dir;
    }

    private sealed class TestProgress(ITestOutputHelper output) : IMatrixProgress
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public void Say(string line) => Write(line);

        public void CellStarted(Cell cell, string engine) => Write($"cell {cell} on {engine}: started");

        public void CellFinished(Cell cell, CellRow row, CellCounts counts) => Write($"cell {cell}: {row.Outcome} in {row.DurationS} s ({counts}) {row.Detail}");

        private void Write(string line) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0} s] {line}");
    }
}
