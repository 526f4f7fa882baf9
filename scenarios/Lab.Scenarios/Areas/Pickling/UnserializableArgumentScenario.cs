using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.Areas.Pickling;

public static class PicklingTargets
{
    public static void TakeAnything(object value) { }
}

public sealed class UnserializableArgumentScenario : Scenario
{
    public override string Id => "pickling.unserializable-argument-refused";
    public override string Rule => "An argument that cannot be serialized is refused in the parent at start(), with a clear error and no child started.";
    public override string Source => "seeds 59.9 Pickling and Process Boundaries ('arguments must be picklable')";

    public override IEnumerable<ScenarioCase> Cases(RunSettings settings) => [ScenarioCase.Single("refused=true")];

    public override string? ExpectedOnCpython(ScenarioCase @case, string startMethod, string pythonVersion) => startMethod == "fork" ? "refused=false;exitcode=0" : null;

    public override Observation RunOnEngine(ScenarioCase @case, ProcessContext context, RunSettings settings, TimeSpan budget)
    {
        using var scope = new ChildScope(context, budget);
        try
        {
            // A thread synchronisation object, like the threading.Lock() of the CPython twin: process-local by nature.
            var p = Run.ToEnd(scope, PicklingTargets.TakeAnything, [new ManualResetEventSlim()]);
            return p is null ? Run.Hang("the child") : new(Observe.Pairs(("refused", false), ("exitcode", p.ExitCode)));
        }
        catch (SerializationError e)
        {
            return new(Observe.Pairs(("refused", true)), e.Message);
        }
    }
}
