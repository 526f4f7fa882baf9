using System.Reflection;

namespace Lab.Engine.Pools;

/// <summary>
/// The fast path for maps of int/long/double to int/long/double (the shape of the benchmark and of most
/// numeric maps): a chunk travels as one primitive array (a memcpy to encode and decode, no boxing), the worker calls
/// the function through a typed delegate, and the results come back as one primitive array that the parent copies
/// into place. Any other shape takes the general path (a list of boxed values), with the same outcome.
/// </summary>
internal static class TypedChunks
{
    private static readonly Type[] Primitive = [typeof(int), typeof(long), typeof(double)];

    public static bool IsPrimitive(Type t) => Array.IndexOf(Primitive, t) >= 0;

    /// <summary>The chunk's arguments as the array the channel carries for them.</summary>
    public static object Slice<TArg>(TArg[] all, int start, int count) => all.AsSpan(start, count).ToArray();

    /// <summary>A runner for (P) -> R with P and R primitive: takes a P[] and returns an R[]; null for other shapes.</summary>
    public static Func<object, object>? Compile(MethodInfo method)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != 1 || !IsPrimitive(parameters[0].ParameterType) || !IsPrimitive(method.ReturnType)) return null;
        var types = new[] { parameters[0].ParameterType, method.ReturnType };
        var function = method.CreateDelegate(typeof(Func<,>).MakeGenericType(types));
        var run = typeof(TypedChunks).GetMethod(nameof(Run), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(types);
        return (Func<object, object>)run.Invoke(null, [function])!;
    }

    /// <summary>The same runner for a compiled-in pool function (generated code): its types are known at compile time, so
    /// the instantiation exists in a Native AOT worker, which has no MakeGenericType.</summary>
    internal static Func<object, object> For<TIn, TOut>(Func<TIn, TOut> function) => Run(function);

    private static Func<object, object> Run<TIn, TOut>(Func<TIn, TOut> function) => items =>
    {
        var source = (TIn[])items;
        var results = new TOut[source.Length];
        for (var i = 0; i < source.Length; i++) results[i] = function(source[i]);
        return results;
    };
}
