using Lab.Engine;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.EngineTwins;

/// <summary>
/// The engine's observation of one scenario (by id), as the Python driver's twins are CPython's: it runs a case on the
/// library and real children and reports what it saw. One class per twin under EngineTwins/&lt;Area&gt;/, listed in
/// that area's <c>*Twins.All</c>.
/// </summary>
public abstract class EngineTwin
{
    /// <summary>The scenario id this twin observes.</summary>
    public abstract string Id { get; }

    /// <summary>Why the twin cannot run under <paramref name="method"/> (e.g. it needs spawn's scheduler socket), or null.</summary>
    public virtual string? NotUnder(StartMethod method) => null;

    /// <summary>Why the twin cannot run on the <paramref name="worker"/> subject ("engine" is JIT, "engine-aot" AOT), or null.</summary>
    public virtual string? NotOn(WorkerKind worker) => null;

    /// <summary>Runs one case. Must stay within <paramref name="budget"/> and leave no child behind, pass or fail.</summary>
    public abstract Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget);
}
