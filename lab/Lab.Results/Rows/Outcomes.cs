namespace Lab.Results;

/// <summary>
/// The only values the <c>outcome</c> column may hold. They are lower-case words rather than an
/// enum so that the CSV stays readable and stable if an enum were ever renamed or reordered.
/// </summary>
public static class Outcomes
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Skip = "skip";
    public const string Error = "error";

    /// <summary>The subject did not finish within the scenario's timeout (the lab never waits forever).</summary>
    public const string Hang = "hang";

    /// <summary>Report order: the outcomes that need attention come first.</summary>
    public static IReadOnlyList<string> All { get; } = [Fail, Error, Hang, Skip, Pass];

    /// <summary>Anything that is neither pass nor skip needs a person, including outcomes this build does not know.</summary>
    public static bool IsFailure(string outcome) => outcome is not (Pass or Skip);
}
