namespace Lab.Results;

/// <summary>
/// One check of one rule on one subject with one start method: a line of <c>conformance-*.csv</c>.
/// The CSV column order is fixed by <see cref="Csv.ConformanceRowMap"/>, not by the order below;
/// README.md in this folder documents every column.
/// </summary>
public sealed record ConformanceRow
{
    public required string RunId { get; init; }

    /// <summary>Written in UTC, ISO-8601 round-trip ("O") form.</summary>
    public required DateTimeOffset Utc { get; init; }

    public required string Host { get; init; }
    public required string Os { get; init; }
    public required string Runtime { get; init; }
    public required string Subject { get; init; }
    public required string SubjectVersion { get; init; }
    public required string StartMethod { get; init; }
    public required string Scenario { get; init; }
    public required string Area { get; init; }

    /// <summary>
    /// The generator seed that replays this row (house rule 3); null for fixed-input scenarios.
    /// An empty CSV field reads back as null, so "" and null are the same seed.
    /// </summary>
    public string? Seed { get; init; }

    /// <summary>One of <see cref="Outcomes"/>.</summary>
    public required string Outcome { get; init; }

    public required string Expected { get; init; }
    public required string Observed { get; init; }
    public required double DurationMs { get; init; }
    public string Detail { get; init; } = "";

    // The three columns below were added after the first release. A file without them reads null into them (CsvHelper's
    // generated reader gives a missing optional column its type's default): null reads as empty, their documented value.

    /// <summary>One of <see cref="Verdicts"/>; last column so that the documented order stays a prefix.</summary>
    public string Verdict { get; init => field = value ?? Verdicts.Unreviewed; } = Verdicts.Unreviewed;

    /// <summary>The case's inputs as compact JSON ("" when it has none); after verdict, so the documented
    /// order stays a prefix. Rows of different cases of one scenario are told apart by it.</summary>
    public string Params { get; init => field = value ?? ""; } = "";

    /// <summary>Why a divergence is intended, as the scenario states it; empty otherwise.</summary>
    public string VerdictReason { get; init => field = value ?? ""; } = "";

    /// <summary>The OS image the row was measured in, as `lab matrix` names it (suite and recipe hash, e.g.
    /// <c>bookworm@3f2a9c1b7d0e</c>); empty for a run on the host and in files written before the column existed.</summary>
    public string Image { get; init => field = value ?? ""; } = "";
}
