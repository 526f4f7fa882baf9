using Lab.Systematic.Exploration;

namespace Lab.Systematic.Corpus;

/// <summary>
/// A seeded bug (issue #5 §4): a small program with a known concurrency bug, the bug it must be reported as, and its
/// corrected twin. <see cref="Budget"/> is the stated promise: the portfolio finds the bug within that many iterations
/// (with the default step bound), and the twin passes that many iterations without a bug.
/// </summary>
/// <para><see cref="Depth"/>, where stated, is the bug's depth in PCT's sense (Burckhardt et al., ASPLOS 2010): the
/// fewest ordering constraints that force it, so PCT needs Depth − 1 priority change points to find it.</para>
public sealed record CorpusProgram(string Name, string Description, BugKind Expected, int Budget, Action<Seam.ISchedulingSeam> BuggyBody, Action<Seam.ISchedulingSeam> FixedBody, int? Depth = null)
{
    public const string FixedSuffix = ".fixed";

    public SystematicProgram Buggy { get; } = new(Name, rt => BuggyBody(rt));

    public SystematicProgram Fixed { get; } = new(Name + FixedSuffix, rt => FixedBody(rt));
}
