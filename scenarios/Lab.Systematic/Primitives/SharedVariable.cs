using Lab.Systematic.Runtime;
using Lab.Systematic.Seam;

namespace Lab.Systematic.Primitives;

/// <summary>
/// A memory location shared between operations: every access is a scheduling point, so the strategy can interleave
/// other operations between any two accesses (sequential consistency; weaker memory models are out of scope). This is
/// the "simulated shared memory" of issue #5 §2. <see cref="Update"/> is one atomic read-modify-write step (an
/// Interlocked operation, or a compare-and-swap).
/// </summary>
public sealed class SharedVariable<T>(ControlledRuntime runtime, T initial, string name = "variable") : ISeamVariable<T>
{
    private T value = initial;

    public string Name { get; } = name;

    public T Read()
    {
        runtime.SchedulingPoint(SchedulingPointKind.Read);
        return value;
    }

    public void Write(T newValue)
    {
        runtime.SchedulingPoint(SchedulingPointKind.Write);
        value = newValue;
    }

    /// <summary>Atomically replaces the value with <paramref name="update"/>(value) and returns the new value.</summary>
    public T Update(Func<T, T> update)
    {
        runtime.SchedulingPoint(SchedulingPointKind.Write);
        value = update(value);
        return value;
    }

    /// <summary>Atomically sets the value to <paramref name="replacement"/> if it equals <paramref name="expected"/>;
    /// returns the value seen.</summary>
    public T CompareExchange(T replacement, T expected)
    {
        runtime.SchedulingPoint(SchedulingPointKind.Write);
        var seen = value;
        if (EqualityComparer<T>.Default.Equals(seen, expected)) value = replacement;
        return seen;
    }

    /// <summary>The value without a scheduling point: only for checks after every other operation has been joined.</summary>
    public T Peek() => value;
}
