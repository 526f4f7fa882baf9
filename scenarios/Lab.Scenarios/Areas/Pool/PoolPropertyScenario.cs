using FsCheck.Fluent;
using Lab.Engine;
using Lab.Scenarios.Model;
using Lab.Scenarios.Subjects;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pool;

/// <summary>
/// The pool properties of issue #6 §7, checked on each subject against the sequential specification (a property per
/// subject, not engine-versus-CPython: CPython's choice among several failures is legitimately nondeterministic).
/// For random lists, 1..4 workers, chunksizes 1..len+1 and the default, and the fixed function set: map equals the
/// sequential map; starmap the sequential starmap; imap_unordered is a permutation; a map over failing inputs raises a
/// failing element's exception (the engine: the first in input order; CPython: the first to complete). On CPython each
/// generated case is one driver run (twin <c>pool.property-case</c>).
/// </summary>
public sealed class PoolPropertyScenario : PoolScenario
{
    public override string Id => "pool.map-property";
    public override string Rule => "map/starmap equal the sequential ones, imap_unordered is a permutation, and a failing map raises a failing element's error, for any input, worker count and chunksize.";
    public override ScenarioKind Kind => ScenarioKind.Property;

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [PropertyRunner.Case(settings)];

    /// <summary>Pools are costly to start (tens of ms on the engine, more on CPython): fewer cases than the default.</summary>
    private static int Tests(RunSettings settings, bool cpython) => settings.Quick ? (cpython ? 10 : 20) : (cpython ? 40 : 100);

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        var property = Prop.ForAll(PoolInput.Arbitrary, input =>
        {
            var observed = ObserveOnEngine(input, context, budget);
            return input.Accepts(observed, firstFailureOnly: true).Label($"{input}: expected {input.Expected()}, engine observed {observed}");
        });
        return PropertyRunner.Check(property, Id, settings, Tests(settings, cpython: false));
    }

    public override Observation? RunOnCpython(ScenarioCase @case, CpythonSubject cpython, string startMethod, RunSettings settings)
    {
        var property = Prop.ForAll(PoolInput.Arbitrary, input =>
        {
            var observed = cpython.ObserveTwin("pool.property-case", input.TwinParams(), startMethod, CpythonCaseBudget).Observed;
            return input.Accepts(observed, firstFailureOnly: input.Processes == 1).Label($"{input}: expected {input.Expected()}, cpython/{startMethod} observed {observed}");
        });
        return PropertyRunner.Check(property, Id, settings, Tests(settings, cpython: true));
    }

    /// <summary>One generated case on CPython: a pool of up to 4 workers over up to 30 items takes well under a second.</summary>
    private static readonly TimeSpan CpythonCaseBudget = TimeSpan.FromSeconds(20);

    internal static string ObserveOnEngine(PoolInput input, ProcessContext context, TimeSpan budget)
    {
        using var pool = new Engine.Pool(input.Processes, context: context);
        try
        {
            List<int> results;
            switch (input.Op)
            {
                case "starmap":
                    if (!PoolObserve.TryGet(pool.StarMapAsync<int>(PoolFunctions.StarFunction(input.Function), input.Pairs, input.Chunksize), budget, out results)) return Observation.Hang;
                    break;
                case "imap_unordered":
                    var func = PoolFunctions.Function(input.Function);
                    if (!Bounded(() => pool.IMapUnordered(func, input.Data, input.Chunksize ?? 1).Order().ToList(), budget, out results)) return Observation.Hang;
                    break;
                default:
                    if (!PoolObserve.TryGet(pool.MapAsync(PoolFunctions.Function(input.Function), input.Data, input.Chunksize), budget, out results)) return Observation.Hang;
                    break;
            }
            return "result=" + string.Join(",", results);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Observe.Pairs(("raised", PoolObserve.Kind(e)), ("message", PoolObserve.Message(e)));
        }
    }
}
