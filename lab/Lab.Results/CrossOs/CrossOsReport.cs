namespace Lab.Results;

/// <summary>
/// The cross-OS section (issue #11 §5): one matrix run's images side by side. Built from the run's folder alone
/// (<see cref="MatrixResults"/>).
/// </summary>
public sealed record CrossOsReport(
    string RunId,
    DateTimeOffset Utc,
    IReadOnlyList<ImageSummary> Images,
    IReadOnlyList<CellRow> Cells,
    CrossOsMatrix Matrix,
    IReadOnlyList<CrossImageDivergence> Divergences,
    IReadOnlyList<CrossOsBenchGroup> Bench);

/// <summary>One image: where it came from (os-release inside, subject versions) and its outcome counts.</summary>
public sealed record ImageSummary(string Image, string Os, IReadOnlyList<SubjectVersion> Subjects, IReadOnlyList<OutcomeCount> Counts);

/// <summary>Scenarios down, (image, subject, start method) across.</summary>
public sealed record CrossOsMatrix(IReadOnlyList<CrossOsColumn> Columns, IReadOnlyList<MatrixRow> Rows);

public sealed record CrossOsColumn(string Image, string Subject, string StartMethod);

/// <summary>The same subject and start method observing different things on different images, with every image's observation.</summary>
public sealed record CrossImageDivergence(
    int Number,
    string Scenario,
    string Area,
    string Rule,
    string Subject,
    string StartMethod,
    string Params,
    string? Seed,
    string Verdict,
    string Reason,
    IReadOnlyList<ImageObservation> Observations);

public sealed record ImageObservation(string Image, string SubjectVersion, string Observed, string Outcome);

/// <summary>One benchmark and params: a line per subject and start method, a figure per image.</summary>
public sealed record CrossOsBenchGroup(string Benchmark, string Params, string Unit, IReadOnlyList<string> Images, IReadOnlyList<CrossOsBenchLine> Lines);

/// <summary><see cref="Figures"/> aligns with the group's images; null where the image has no such row.</summary>
public sealed record CrossOsBenchLine(string Subject, string StartMethod, IReadOnlyList<ImageFigure?> Figures);

/// <summary>A median and its ratio to the reference (CPython spawn) in the same image; null ratio when there is none.</summary>
public sealed record ImageFigure(double Median, double? RatioToReference);
