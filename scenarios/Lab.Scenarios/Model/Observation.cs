namespace Lab.Scenarios.Model;

/// <summary>What a subject did for one case: a canonical observation string (compared exactly), and free
/// text for humans. The same format is produced by the engine and by the CPython driver.</summary>
public sealed record Observation(string Observed, string Detail = "")
{
    public const string Hang = "hang";
}
