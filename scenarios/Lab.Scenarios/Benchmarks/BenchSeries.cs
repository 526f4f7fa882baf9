namespace Lab.Scenarios.Benchmarks;

/// <summary>Raw samples of one benchmark on one subject and start method (statistics are the results stage's job).</summary>
public sealed record BenchSeries(string Subject, string SubjectVersion, string StartMethod, string Benchmark, string Params, string Unit, IReadOnlyList<double> Samples);

/// <summary>How many samples to take, after how many discarded warm-up runs.</summary>
public sealed record BenchPlan(int Samples, int Warmup)
{
    public static BenchPlan Quick { get; } = new(20, 3) { IsQuick = true };
    public static BenchPlan Full { get; } = new(100, 5);

    /// <summary>`lab bench --quick` (the main job): benchmarks whose full sweep is long (pool-chunksize) take a
    /// short one instead.</summary>
    public bool IsQuick { get; init; }

    /// <summary>Multiplies the work of the <c>spin</c> benchmark without changing its params (1 = its base cost): a deliberate
    /// slowdown for calibrating `lab compare`. Other benchmarks ignore it.</summary>
    public double Work { get; init; } = 1;

    /// <summary><c>{"n":20,"warmup":3}</c> (<see cref="Lab.Results.RowParams"/>).</summary>
    public string Params => Lab.Results.RowParams.Of(("n", Samples), ("warmup", Warmup));
}
