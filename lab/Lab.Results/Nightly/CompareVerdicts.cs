namespace Lab.Results.Nightly;

/// <summary>Values of the <c>verdict</c> column of <c>compare-*.csv</c>.</summary>
public static class CompareVerdicts
{
    /// <summary>Significantly worse by more than the threshold, in the direction the unit says is worse.</summary>
    public const string Regression = "regression";

    public const string Improvement = "improvement";

    /// <summary>Not significant, or within the threshold.</summary>
    public const string NoChange = "no change";

    /// <summary>Too few baseline runs or samples to decide (a new series, a first night).</summary>
    public const string TooFewSamples = "too few samples";

    /// <summary>Significant and large, for a unit with no better direction (<see cref="Direction.Unknown"/>).</summary>
    public const string Changed = "changed";

    public static bool IsFlagged(string verdict) => verdict is Regression or Improvement or Changed;
}
