namespace Lab.Results.Tests;

/// <summary>A private directory per test, removed afterwards, so tests can run in parallel.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lab-results-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Rows with plausible defaults; tests change only the fields they are about, with <c>with</c>.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset Utc = new(2026, 11, 22, 1, 46, 10, TimeSpan.Zero);

    public static readonly RunInfo Run = new("20261122T014610Z-1a2b3c", Utc, "host-1", "Debian GNU/Linux 12 (bookworm)", ".NET 10.0.0");

    public static ConformanceRow Conformance(
        string scenario = "exit-codes/return-zero",
        string subject = "engine",
        string startMethod = "spawn",
        string observed = "0",
        string outcome = Outcomes.Pass,
        RunInfo? run = null)
    {
        run ??= Run;
        return new ConformanceRow
        {
            RunId = run.RunId,
            Utc = run.Utc,
            Host = run.Host,
            Os = run.Os,
            Runtime = run.Runtime,
            Subject = subject,
            SubjectVersion = subject == "cpython" ? "3.11.2" : "0.1.0",
            StartMethod = startMethod,
            Scenario = scenario,
            Area = "exit-codes",
            Seed = null,
            Outcome = outcome,
            Expected = "0",
            Observed = observed,
            DurationMs = 12.5,
            Detail = "",
        };
    }

    public static BenchRow Bench(
        string benchmark = "start-join",
        string subject = "engine",
        string startMethod = "spawn",
        double median = 10,
        string @params = "",
        RunInfo? run = null) =>
        BenchRow.FromSamples(run ?? Run, subject, subject == "cpython" ? "3.11.2" : "0.1.0", startMethod, benchmark, @params, "ms",
            [median * 0.9, median, median * 1.1]);
}
