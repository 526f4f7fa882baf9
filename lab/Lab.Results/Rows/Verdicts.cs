namespace Lab.Results;

/// <summary>
/// Values of the <c>verdict</c> column: a person's judgement on a cross-subject divergence.
/// Empty means nobody has reviewed it yet, which the reports show as "unreviewed".
/// </summary>
public static class Verdicts
{
    public const string Unreviewed = "";

    /// <summary>The subjects differ on purpose (e.g. the engine refuses <c>fork</c>, DESIGN.md "Why the engine has no fork").</summary>
    public const string Intended = "intended";

    /// <summary>The difference is a bug in one of the subjects.</summary>
    public const string Defect = "defect";
}
