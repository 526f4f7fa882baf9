using System.Reflection;
using Lab.Engine.Pools;

namespace Lab.Engine.Targets;

/// <summary>
/// How a child calls a target it was sent: through the compiled-in table when the target is there (always, in a Native
/// AOT worker), else by reflection (TargetResolver: the assembly loaded from its path, the method found by token). The
/// reflection branches sit behind <see cref="CompiledTargets.IsAotProcess"/>, which ILC folds, so an AOT binary holds
/// none of them and a target outside its table is an <see cref="InvalidTargetError"/>.
/// </summary>
internal static class TargetCalls
{
    /// <summary>A call of <paramref name="target"/> with the arguments the parent bound (every parameter, defaults
    /// filled): waits for an awaitable result and returns the value.</summary>
    public static Func<object?[], object?> Resolve(TargetMethod target)
    {
        if (CompiledTargets.TryFind(target, out var entry)) return entry.Invoke;
        if (CompiledTargets.IsAotProcess) throw CompiledTargets.NotCompiledIn(target);
        var method = TargetResolver.Resolve(target);
        return args =>
        {
            var returned = method.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, TargetBinder.Bind(method, args), culture: null);
            AsyncTargets.Wait(returned, method.ReturnType);
            return returned;
        };
    }

    /// <summary>A pool function: its call (compiled by TaskInvoker on the JIT worker) and its typed chunk runner, if its
    /// shape has one.</summary>
    public static (Func<object?[], object?> Invoke, Func<object, object>? Typed) ResolvePoolFunction(TargetMethod target)
    {
        if (CompiledTargets.TryFind(target, out var entry)) return (entry.Invoke, entry.TypedChunk);
        if (CompiledTargets.IsAotProcess) throw CompiledTargets.NotCompiledIn(target);
        var method = TargetResolver.Resolve(target);
        return (TaskInvoker.Compile(method), TypedChunks.Compile(method));
    }
}
