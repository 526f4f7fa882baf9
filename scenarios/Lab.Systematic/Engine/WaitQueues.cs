using Lab.Systematic.Runtime;

namespace Lab.Systematic.Engine;

/// <summary>
/// The wait queues of one runtime (one iteration): one per futex word and one per engine monitor. Touched only by the
/// operation holding the runtime's token, so it needs no lock.
/// </summary>
internal sealed class WaitQueues
{
    private readonly Dictionary<nint, WaitQueue> words = [];
    private readonly Dictionary<object, WaitQueue> gates = new(ReferenceEqualityComparer.Instance);

    public WaitQueue ForWord(nint word)
    {
        if (!words.TryGetValue(word, out var queue)) words[word] = queue = new WaitQueue($"futex word 0x{word:x}");
        return queue;
    }

    public WaitQueue? FindWord(nint word) => words.GetValueOrDefault(word);

    public WaitQueue ForGate(object gate)
    {
        if (!gates.TryGetValue(gate, out var queue)) gates[gate] = queue = new WaitQueue($"engine monitor {gate.GetType().Name}#{gates.Count}");
        return queue;
    }

    public WaitQueue? FindGate(object gate) => gates.GetValueOrDefault(gate);
}

/// <summary>Operations waiting on one futex word or monitor, oldest first.</summary>
internal sealed class WaitQueue(string name)
{
    private readonly List<Waiter> waiters = [];

    /// <summary>Queues <paramref name="operation"/>; it then blocks on the returned waiter, whose description says what
    /// it waits for (named in deadlock reports).</summary>
    public Waiter Add(ControlledOperation operation, string waitsFor)
    {
        var waiter = new Waiter(operation, $"{name} {waitsFor}");
        waiters.Add(waiter);
        return waiter;
    }

    public void Remove(Waiter waiter) => waiters.Remove(waiter);

    /// <summary>Enables up to <paramref name="count"/> of the oldest operations still blocked here. A waiter that timed
    /// out is no longer blocked here and is skipped (the kernel unqueues a waiter when its timeout fires), so it cannot
    /// absorb a wake-up meant for another.</summary>
    public void WakeOldest(ControlledRuntime runtime, int count)
    {
        for (var i = 0; i < waiters.Count && count > 0;)
        {
            var waiter = waiters[i];
            if (waiter.Operation.Status == OperationStatus.Blocked && ReferenceEquals(waiter.Operation.BlockedOn, waiter))
            {
                runtime.Wake(waiter.Operation);
                count--;
                waiters.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }
    }
}

/// <summary>One operation's place in a <see cref="WaitQueue"/>: what it is blocked on.</summary>
internal sealed class Waiter(ControlledOperation operation, string description) : IControlledResource
{
    public ControlledOperation Operation { get; } = operation;

    public string DescribeWait() => description;
}
