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

    /// <summary>The queue of <paramref name="word"/>; its description names the value the newest waiter waits on.</summary>
    public WaitQueue ForWord(nint word, int expected)
    {
        if (!words.TryGetValue(word, out var queue)) words[word] = queue = new WaitQueue();
        queue.Description = $"futex word 0x{word:x} to change from {expected} (FUTEX_WAIT)";
        return queue;
    }

    public WaitQueue? FindWord(nint word) => words.GetValueOrDefault(word);

    public WaitQueue ForGate(object gate)
    {
        if (!gates.TryGetValue(gate, out var queue))
            gates[gate] = queue = new WaitQueue { Description = $"a pulse of the engine monitor {gate.GetType().Name}#{gates.Count} (Monitor.Wait)" };
        return queue;
    }

    public WaitQueue? FindGate(object gate) => gates.GetValueOrDefault(gate);
}

/// <summary>Operations waiting on one futex word or monitor, oldest first.</summary>
internal sealed class WaitQueue : IControlledResource
{
    private readonly List<ControlledOperation> waiters = [];

    public string Description { get; set; } = "";

    public void Add(ControlledOperation operation) => waiters.Add(operation);

    public void Remove(ControlledOperation operation) => waiters.Remove(operation);

    /// <summary>Enables up to <paramref name="count"/> of the oldest operations still blocked here. A waiter that timed
    /// out is no longer blocked here and is skipped (the kernel unqueues a waiter when its timeout fires), so it cannot
    /// absorb a wake-up meant for another.</summary>
    public void WakeOldest(ControlledRuntime runtime, int count)
    {
        for (var i = 0; i < waiters.Count && count > 0;)
        {
            var waiter = waiters[i];
            if (waiter.Status == OperationStatus.Blocked && ReferenceEquals(waiter.BlockedOn, this))
            {
                runtime.Wake(waiter);
                count--;
                waiters.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }
    }

    public string DescribeWait() => Description;
}
