namespace Lab.Scenarios.Model;

/// <summary>The outcome of one case on one subject. Names match the CSV's outcome column.</summary>
public enum Outcome
{
    Pass,
    Fail,
    Skip,
    Error,
    Hang,
}

public static class Outcomes
{
    public static string ToName(this Outcome outcome) => outcome.ToString().ToLowerInvariant();
}
