using Lab.Systematic.Seam;
using Microsoft.Coyote.Runtime;

namespace Lab.Systematic.Coyote.Binding;

/// <summary>A seam variable: a Coyote Read or Write scheduling point (named after the variable) before each access.
/// The value itself is a plain field; Coyote runs one operation at a time, so accesses are sequentially consistent.</summary>
internal sealed class CoyoteVariable<T>(T initial, string name) : ISeamVariable<T>
{
    private T value = initial;

    public T Read()
    {
        SchedulingPoint.Read(name);
        return value;
    }

    public void Write(T newValue)
    {
        SchedulingPoint.Write(name);
        value = newValue;
    }

    public T Update(Func<T, T> update)
    {
        SchedulingPoint.Write(name);
        value = update(value);
        return value;
    }

    public T CompareExchange(T replacement, T expected)
    {
        SchedulingPoint.Write(name);
        var seen = value;
        if (EqualityComparer<T>.Default.Equals(seen, expected)) value = replacement;
        return seen;
    }

    public T Peek() => value;
}
