using Lab.Engine.Sharing;
using Lab.Engine.Synchronization;

namespace Lab.Engine.Queues;

/// <summary>
/// A ProcessQueue that counts unfinished tasks (CPython's JoinableQueue): every Put adds one, TaskDone removes
/// one (one too many is an error), Join waits until none is left.
/// </summary>
[InheritedKind("joinable-queue")]
public sealed class JoinableQueue : ProcessQueue
{
    private readonly ProcessSemaphore _unfinished;
    private readonly ProcessCondition _condition;

    public JoinableQueue(int maxsize = 0) : this(QueueStream.Create(), maxsize <= 0 ? int.MaxValue : maxsize,
        new ProcessBoundedSemaphore(maxsize <= 0 ? int.MaxValue : maxsize), new ProcessSemaphore(0), new ProcessCondition(new ProcessLock()))
    {
    }

    private JoinableQueue(QueueStream stream, int maxsize, ProcessBoundedSemaphore slots, ProcessSemaphore unfinished, ProcessCondition condition)
        : base(stream, maxsize, slots)
    {
        _unfinished = unfinished;
        _condition = condition;
    }

    /// <summary>Marks one item as processed. CPython: ValueError('task_done() called too many times').</summary>
    public void TaskDone()
    {
        using (_condition.Hold())
        {
            if (!_unfinished.Acquire(block: false)) throw new SynchronizationError("task_done() called too many times");
            if (_unfinished.Value == 0) _condition.NotifyAll();
        }
    }

    /// <summary>Waits until every item put has been marked done. False if the timeout passed first.</summary>
    public bool Join(TimeSpan? timeout = null)
    {
        using (_condition.Hold())
            return _condition.WaitFor(() => _unfinished.Value == 0, timeout);
    }

    private protected override void OnPut()
    {
        using (_condition.Hold()) _unfinished.Release();
    }

    private protected override void ReleaseResources()
    {
        base.ReleaseResources();
        _unfinished.Dispose();
        _condition.Dispose();
    }

    private protected override string InheritedKind => "joinable-queue";

    private protected override object?[] ExportState() => [.. base.ExportState(), _unfinished, _condition];

    internal static new object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        return new JoinableQueue((QueueStream)s[0]!, (int)s[1]!, (ProcessBoundedSemaphore)s[2]!, (ProcessSemaphore)s[3]!, (ProcessCondition)s[4]!);
    }
}
