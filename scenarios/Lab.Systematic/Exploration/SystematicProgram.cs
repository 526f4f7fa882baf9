using Lab.Systematic.Runtime;

namespace Lab.Systematic.Exploration;

/// <summary>
/// A program under test: a name (what traces and tokens refer to) and a body that runs as the main operation (op 0) of
/// every iteration. The body must build all its state afresh on each call and reach shared state only through the seam,
/// and it must be deterministic given the scheduler's decisions (no clocks, no unseeded randomness, no real threads).
/// </summary>
public sealed record SystematicProgram(string Name, Action<ControlledRuntime> Body)
{
    public override string ToString() => Name;
}
