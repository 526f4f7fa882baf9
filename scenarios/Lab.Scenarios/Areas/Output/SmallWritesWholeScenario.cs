using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Output;

/// <summary>Lines of 100 and of 4,096 bytes (PIPE_BUF itself), one write(2) each: every line arrives whole.</summary>
public sealed class SmallWritesWholeScenario : OutputScenario
{
    private const int LinesPerWriter = 50;
    private const int Lines = Writers * LinesPerWriter;

    public override string Id => "output.small-writes-whole";
    public override string Rule => "Lines that children write into a shared pipe with one write of at most PIPE_BUF bytes each are never interleaved.";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        from lineBytes in new[] { 100, 4096 }
        select Case(LinesPerWriter, lineBytes, $"lines={Lines};whole={Lines}");
}
