using Lab.Engine.Managers;

namespace Lab.Engine.Tests.Managers;

/// <summary>Targets of the manager tests' children: static methods, as every process target.</summary>
internal static class ManagerTargets
{
    /// <summary>The seeds' 59.18 example: the child appends to the managed list.</summary>
    public static void AppendHello(ListProxy list) => list.Append("hello");

    public static void AppendMany(ListProxy list, int producer, int count)
    {
        for (var i = 0; i < count; i++) list.Append(new object?[] { producer, i });
    }

    /// <summary>A plain list argument is a copy in the child: the parent's list never sees this.</summary>
    public static void AppendToPlainList(List<object?> list) => list.Add("hello");

    /// <summary>Uses every built-in proxy kind from a child, for the parent to check.</summary>
    public static void UseEveryKind(DictProxy dict, NamespaceProxy ns, ValueProxy value, QueueProxy queue, EventProxy done)
    {
        dict["child"] = 1;
        ns.Set("x", (long)dict["parent"]! + 1);
        value.Value = "from child";
        queue.Put(new List<object?> { 1, "two" });
        done.Set();
    }

    /// <summary>Appends, says so, then waits for a kill that the parent sends.</summary>
    public static void AppendThenHang(ListProxy list, int count, EventProxy appended, EventProxy never)
    {
        for (var i = 0; i < count; i++) list.Append(i);
        appended.Set();
        never.Wait();
    }

    /// <summary>A pool worker's proxy, set by its initializer (the 59.27 pattern; a task may also take one as an argument).</summary>
    private static ListProxy? _workerList;

    public static void SetWorkerList(ListProxy list) => _workerList = list;

    public static int AppendFromTask(int item)
    {
        _workerList!.Append(item);
        return item;
    }

    public static int CountTask(ListProxy list) => list.Count;

    public static int AppendThroughArgument(ListProxy list, int item)
    {
        list.Append(item);
        return item;
    }

    public static ListProxy ReturnProxy(ListProxy list) => list;

    public static int QueueSize(Lab.Engine.Queues.ProcessQueue queue) => queue.QSize();

    public static void IncrementCounter(Proxy counter, int times)
    {
        for (var i = 0; i < times; i++) counter.Call("Increment");
    }
}

/// <summary>An application's own type, served by a manager after registration.</summary>
public sealed class Counter
{
    private int _count;

    public int Increment() => ++_count;

    public int Add(int n) => _count += n;

    public int Get() => _count;
}

internal static class ManagerRegistrations
{
    public static void Register(ManagerRegistry registry) => registry.Register<Counter>("Counter");
}
