namespace Lab.Results;

/// <summary>
/// One cell of a cross-OS matrix run (`lab matrix`, issue #11): one OS image and one set of subjects, run in one
/// container on one Docker engine. A line of <c>cells.csv</c> in the run's matrix folder; the cell's own rows are in
/// the conformance and bench files beside it. A cell that ran but found failures is still <see cref="Done"/>: its
/// rows say what failed.
/// </summary>
public sealed record CellRow
{
    /// <summary>The cell ran to its end (whatever its scenarios observed).</summary>
    public const string Done = "done";

    /// <summary>The cell outlived its time limit and was killed with its container.</summary>
    public const string Hang = "hang";

    /// <summary>The cell could not run or its command failed without writing results (the detail says why).</summary>
    public const string Error = "error";

    public required string RunId { get; init; }

    /// <summary>Suite and recipe hash, e.g. <c>bookworm@3f2a9c1b7d0e</c>: the same value as the rows' <c>image</c> column.</summary>
    public required string Image { get; init; }

    /// <summary>The subjects the cell ran, as `lab run --subject` names them (engine, cpython or all).</summary>
    public required string Subjects { get; init; }

    /// <summary>The Docker engine the cell ran on (unix:// or tcp:// address).</summary>
    public required string Engine { get; init; }

    /// <summary><see cref="Done"/>, <see cref="Hang"/> or <see cref="Error"/>.</summary>
    public required string Outcome { get; init; }

    public required DateTimeOffset Utc { get; init; }

    public required double DurationS { get; init; }

    /// <summary>Exit codes of the cell's `lab run` and `lab bench` (empty: not run).</summary>
    public string RunExit { get; init; } = "";

    public string BenchExit { get; init; } = "";

    public string Detail { get; init; } = "";
}

/// <summary>
/// One image's observation in a cross-image divergence: the same scenario case (params and seed), subject and start
/// method observed different things on different images. A line of <c>divergences.csv</c> in the run's matrix folder;
/// the lines of one divergence share <see cref="Divergence"/>. The verdict is the matrix judge's: <c>intended</c> when
/// the scenario declares the change (with its reason), <c>defect</c> otherwise.
/// </summary>
public sealed record CrossImageObservationRow
{
    public required string RunId { get; init; }

    /// <summary>Number of the divergence within the run, from 1.</summary>
    public required int Divergence { get; init; }

    public required string Scenario { get; init; }
    public required string Area { get; init; }
    public required string Rule { get; init; }
    public required string Subject { get; init; }
    public required string StartMethod { get; init; }
    public string Params { get; init; } = "";
    public string? Seed { get; init; }
    public required string Image { get; init; }
    public required string SubjectVersion { get; init; }
    public required string Observed { get; init; }
    public required string Outcome { get; init; }

    /// <summary><see cref="Verdicts.Intended"/> or <see cref="Verdicts.Defect"/>; the same on every line of one divergence.</summary>
    public required string Verdict { get; init; }

    public string Reason { get; init; } = "";
}
