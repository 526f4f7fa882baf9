namespace Lab.Scenarios.Model;

/// <summary>The outcome of one case on one subject (the results stage names them in its CSV: Lab.Results.Outcomes).</summary>
public enum Outcome
{
    Pass,
    Fail,
    Skip,
    Error,
    Hang,
}

/// <summary>The judge's word on a case where subjects observed different things (Running/DivergenceJudge; the results
/// stage names them: Lab.Results.Verdicts).</summary>
public enum Verdict
{
    /// <summary>No divergence.</summary>
    None,
    /// <summary>The subjects differ on purpose, for the scenario's stated reason.</summary>
    Intended,
    /// <summary>An unexplained difference: a bug in one of the subjects.</summary>
    Defect,
}
