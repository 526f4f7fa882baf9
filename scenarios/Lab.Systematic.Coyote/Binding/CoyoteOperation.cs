using System.Runtime.ExceptionServices;
using Lab.Systematic.Seam;

namespace Lab.Systematic.Coyote.Binding;

/// <summary>
/// A seam operation as a Coyote-controlled task. The operation that runs is known per thread: a controlled operation's
/// synchronous body runs on one thread from start to end (Coyote pauses the thread at a blocking wait; it does not
/// move the body), so a thread-static set when the body starts names the caller for lock ownership.
/// </summary>
internal sealed class CoyoteOperation : ISeamOperation
{
    [ThreadStatic]
    private static CoyoteOperation? current;

    private Task? task;

    private CoyoteOperation(string name) => Name = name;

    public string Name { get; }

    /// <summary>The operation that calls.</summary>
    public static CoyoteOperation Current => current
        ?? throw new InvalidOperationException("a seam operation was called from a thread that no Coyote seam operation runs on");

    public static void EnterMain() => current = new CoyoteOperation("main");

    public static CoyoteOperation Start(Action body, string name)
    {
        var operation = new CoyoteOperation(name);
        operation.task = Task.Run(() =>
        {
            current = operation;
            body();
        });
        return operation;
    }

    /// <summary>Waits for the task (a Coyote Join point) and rethrows what its body threw as itself, not wrapped in an
    /// <see cref="AggregateException"/>, so that a failure reads the same under both testers.</summary>
    public void Join()
    {
        try
        {
            task!.Wait();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    public override string ToString() => $"operation '{Name}'";
}
