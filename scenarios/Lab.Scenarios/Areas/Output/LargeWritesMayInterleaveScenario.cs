using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Output;

/// <summary>
/// A finding: lines of 256 KiB, four times a pipe's default capacity (64 KiB, pipe(7)), one write(2) each. Every byte
/// arrives, but a write larger than PIPE_BUF is not atomic: while it waits for room, other writers' bytes go in between,
/// so lines arrive cut (here 0 to 26 of the 40 lines were whole, on every subject). How many depends on timing; any number of whole lines
/// confirms the finding, as long as no byte is lost.
/// </summary>
public sealed class LargeWritesMayInterleaveScenario : OutputScenario
{
    private const int LineBytes = 256 * 1024;
    private const int LinesPerWriter = 10;
    private const int Lines = Writers * LinesPerWriter;

    public override string Id => "output.large-writes-may-interleave";
    public override string Rule => "Lines larger than PIPE_BUF written by several children into one pipe all arrive, but may be interleaved with each other.";
    public override ScenarioKind Kind => ScenarioKind.Finding;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        [Case(LinesPerWriter, LineBytes, $"bytes={(long)Lines * LineBytes};whole_at_most={Lines}")];

    /// <summary>Every byte arrived (<c>bytes</c> exact) and 0..Lines lines were whole.</summary>
    public override bool Matches(Observation expected, Observation observed) =>
        observed.Fields.Count == 2 && observed.GetInt("bytes") == expected.GetInt("bytes")
        && observed.GetInt("whole") is { } whole && whole >= 0 && whole <= expected.GetInt("whole_at_most");

    public override string IntendedDivergence =>
        "How many large writes are cut is a matter of timing, not a rule: it differs between runs and between subjects; every byte arriving is the rule.";

    public override string IntendedPythonDivergence => IntendedDivergence;
}
