using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Descriptors;

/// <summary>
/// A file, a pipe or a listening socket that the parent opened and did not pass: does the child hold it? The child
/// lists its own descriptors (<c>/proc/self/fd</c>) and looks for what the parent's descriptor points to (the file's
/// path, <c>pipe:[inode]</c>, <c>socket:[inode]</c>).
/// </summary>
public sealed class UnpassedInvisibleScenario : Scenario
{
    public override string Id => "descriptors.unpassed-invisible";
    public override string Rule => "A child holds only the descriptors of what it was given: a file, pipe or socket the parent opened without passing it is not open in the child.";
    public override string Source => "seeds 59.27 File Descriptors and Handles ('with fork, the child inherits many open resources; with spawn, inheritance is more controlled'); PEP 446";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) =>
        from kind in new[] { "file", "pipe", "socket" }
        select new ScenarioCase(kind, new Dictionary<string, object?> { ["kind"] = kind }, "visible=false");

    /// <summary>fork copies the whole descriptor table (fork(2)); close-on-exec, which Python sets on everything it
    /// opens (PEP 446) and .NET too, acts only at an exec, which spawn does and fork does not. A forkserver child is a
    /// fork of the server, which never had the parent's descriptors.</summary>
    public override Observation? ExpectedOn(SubjectKind kind, ScenarioCase @case, string startMethod, string version) =>
        kind == SubjectKind.Python && startMethod == "fork" ? "visible=true" : null;
}
