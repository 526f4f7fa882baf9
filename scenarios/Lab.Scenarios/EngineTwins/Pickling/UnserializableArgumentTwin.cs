using Lab.Engine;
using Lab.Engine.Serialization;
using Lab.Scenarios.Model;
using Lab.Scenarios.Support;

namespace Lab.Scenarios.EngineTwins.Pickling;

/// <summary>Starts a child with an argument that cannot be serialized; observes whether start() refuses it in the parent.</summary>
public sealed class UnserializableArgumentTwin : EngineTwin
{
    public override string Id => "pickling.unserializable-argument-refused";

    public override Observation ObserveCase(CaseCall @case, ProcessContext context, RunSettings settings, TimeSpan budget)
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
