using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Output;

/// <summary>
/// Base of the Output area (seeds 59.34, "Printing from many workers: interleaved output"). Several children write
/// lines into one pipe they share, each line with one write(2). POSIX makes a write of at most PIPE_BUF bytes (4,096 on
/// Linux, pipe(7)) to a pipe atomic: it is never mixed with another writer's bytes; a larger write may be. The pipe
/// is passed to the children rather than being their stdout, because where a child's stdout goes depends on the start
/// method (a forkserver child writes to the server's stdout, not its parent's).
/// </summary>
public abstract class OutputScenario : Scenario
{
    public const int Writers = 4;

    public override string Source => "seeds 59.34 Common Mistakes ('Printing from many workers: interleaved output'); pipe(7), PIPE_BUF";

    protected static ScenarioCase Case(int linesPerWriter, int lineBytes, Observation expected) =>
        new($"{Writers} writers x {linesPerWriter} lines of {lineBytes} B", new Dictionary<string, object?>
        {
            ["writers"] = Writers,
            ["lines_per_writer"] = linesPerWriter,
            ["line_bytes"] = lineBytes,
        }, expected);
}
