using System.Linq.Expressions;
using System.Reflection;

namespace Lab.Engine.Pools;

/// <summary>
/// Calls a resolved target with an argument array through a compiled delegate: MethodInfo.Invoke costs several
/// hundred nanoseconds per call (argument checks, boxing through a parameter array), which at chunksize 1 would be
/// a large part of a few-microsecond task. Compiled once per function per worker.
/// </summary>
internal static class TaskInvoker
{
    public static Func<object?[], object?> Compile(MethodInfo method)
    {
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var call = Expression.Call(method, parameters.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        // An async function (Task<T>, ValueTask<T>, Task, ValueTask) is awaited here, in the worker (issue #10 §6).
        var body = Targets.AsyncTargets.Adapt(call, method.ReturnType);
        return Expression.Lambda<Func<object?[], object?>>(body, args).Compile();
    }
}
