using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Lab.Engine.Targets;

/// <summary>
/// Targets written with async/await (issue #10 §6): a target that returns Task, ValueTask, Task&lt;T&gt; or
/// ValueTask&lt;T&gt; is awaited in the child before the child reports its outcome, so the process ends when the
/// target's work ends and an exception thrown after its first await is raised as for a synchronous target (exit code 1,
/// the remote error; in a pool, the task's exception). A worker has no synchronization context, so waiting on its
/// main thread cannot deadlock: continuations run on the thread pool. `async void` is refused (TargetMethod.From):
/// nothing can wait for it.
/// </summary>
internal static class AsyncTargets
{
    public static bool IsAwaitable(Type returnType) =>
        returnType == typeof(Task) || returnType == typeof(ValueTask) ||
        (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)));

    public static bool IsAsyncVoid(MethodInfo method) =>
        method.ReturnType == typeof(void) && method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false);

    /// <summary>Waits for what a target declared awaitable returned (what other targets return is ignored, as before).</summary>
    public static void Wait(object? returned, Type returnType)
    {
        if (!IsAwaitable(returnType)) return;
        switch (returned)
        {
            case Task task: task.GetAwaiter().GetResult(); break;
            case ValueTask task: task.GetAwaiter().GetResult(); break;
            case not null: // a boxed ValueTask<T>
                ((Task)returnType.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!).GetAwaiter().GetResult();
                break;
        }
    }

    /// <summary>An expression that waits for <paramref name="call"/> (of an awaitable type) and gives its result as an
    /// object; the call itself, converted to object, when it is not awaitable. Exceptions come out unwrapped
    /// (GetAwaiter().GetResult(), not Wait()).</summary>
    public static Expression Adapt(Expression call, Type returnType)
    {
        if (returnType == typeof(void)) return Expression.Block(call, Expression.Constant(null, typeof(object)));
        if (!IsAwaitable(returnType)) return Expression.Convert(call, typeof(object));
        var name = returnType.IsGenericType ? nameof(ResultOf) : nameof(Finish);
        var method = typeof(AsyncTargets).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == name && m.GetParameters()[0].ParameterType.Name == returnType.Name);
        if (returnType.IsGenericType) method = method.MakeGenericMethod(returnType.GetGenericArguments());
        return Expression.Call(method, call);
    }

    private static object? Finish(Task task)
    {
        task.GetAwaiter().GetResult();
        return null;
    }

    private static object? Finish(ValueTask task)
    {
        task.GetAwaiter().GetResult();
        return null;
    }

    private static object? ResultOf<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static object? ResultOf<T>(ValueTask<T> task) => task.GetAwaiter().GetResult();
}
