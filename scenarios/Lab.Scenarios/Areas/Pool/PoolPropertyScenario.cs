using FsCheck;
using Lab.Scenarios.Model;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// The pool properties of issue #6 §7, checked on each subject against the sequential specification (a property per
/// subject, not engine-versus-CPython: CPython's choice among several failures is legitimately nondeterministic).
/// For random lists, 1..4 workers, chunksizes 1..len+1 and the default, and the fixed function set: map equals the
/// sequential map; starmap the sequential starmap; imap_unordered is a permutation; a map over failing inputs raises a
/// failing element's exception (the engine: the first in input order; Python: the first to complete). Each generated
/// case is one observation of the twin <c>pool.property-case</c> (on Python, one driver run).
/// </summary>
public sealed class PoolPropertyScenario : PropertyScenario<PoolInput>
{
    public override string Id => "pool.map-property";
    public override string Rule => "map/starmap equal the sequential ones, imap_unordered is a permutation, and a failing map raises a failing element's error, for any input, worker count and chunksize.";
    public override string Source => PoolScenario.PoolSource;
    public override string TwinId => "pool.property-case";

    /// <summary>One generated case: a pool of up to 4 workers over up to 30 items takes well under a second; the pool
    /// scenarios' budget bounds each one (the engine's per-case budget before the split; CPython's was 20 s).</summary>
    public override TimeSpan Budget => PoolScenario.PoolBudget;

    protected override Arbitrary<PoolInput> Inputs => PoolInput.Arbitrary;

    protected override Dictionary<string, object?> Params(PoolInput input) => input.TwinParams();

    protected override bool Holds(PoolInput input, Observation observed, SubjectKind kind) =>
        input.Accepts(observed, firstFailureOnly: kind == SubjectKind.Engine || input.Processes == 1);

    /// <summary>Pools are costly to start (tens of ms on the engine, more on Python): fewer cases than the default.</summary>
    protected override int Tests(RunSettings settings, SubjectKind kind) =>
        settings.Quick ? (kind == SubjectKind.Python ? 10 : 20) : (kind == SubjectKind.Python ? 40 : 100);
}
