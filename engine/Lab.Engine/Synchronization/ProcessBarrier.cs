using System.Reflection;
using Lab.Engine.Scheduling;
using Lab.Engine.Sharing;
using Lab.Engine.Targets;

namespace Lab.Engine.Synchronization;

/// <summary>
/// A barrier for a fixed number of parties in any processes: multiprocessing.Barrier, which is threading.Barrier
/// with its state and count in shared memory. Wait returns an index from 0 to Parties - 1, a different one to each
/// party of a generation. The last party to arrive runs the action (if any) before it releases the others; if the
/// action throws, the barrier breaks and that party gets the action's exception. A timeout, Abort, or Reset while
/// parties wait breaks the barrier: they all get <see cref="BrokenBarrierError"/>. A broken barrier stays broken
/// until Reset. A party that is killed while it waits is still counted: the others wait until their timeout.
/// </summary>
/// <remarks>
/// The algorithm is threading.Barrier's, line for line (Lib/threading.py: wait, _enter, _release, _wait, _exit,
/// reset, _break), over a <see cref="ProcessCondition"/> on a <see cref="ProcessLock"/> (threading.Barrier uses
/// Condition(Lock())). Shared words: [0] state (0 filling, 1 draining, -1 resetting, -2 broken), [1] count of
/// parties inside Wait. The action is a static method without required parameters, validated like a process
/// target (<see cref="TargetMethod.From"/>): it crosses to children by name (CPython requires it to be picklable)
/// and runs in whichever process arrives last.
/// Scheduling points (issue #5 §2): at Wait, Reset and Abort, before the diagnostic reads made without the lock
/// (<see cref="NWaiting"/>, <see cref="Broken"/>), and inside the condition and its lock. State and count are
/// otherwise only touched with the lock held, so the lock's points already order those accesses.
/// </remarks>
[InheritedKind("barrier")]
public sealed unsafe class ProcessBarrier : IDisposable, IInheritable
{
    private const int Filling = 0, Draining = 1, Resetting = -1, Broken_ = -2;
    private const int StateOffset = 0, CountOffset = 4, Size = 8;

    private readonly SharedWords _words;
    private readonly ProcessCondition _condition;
    private readonly ProcessLock? _ownedLock;
    private readonly TargetMethod? _action;
    private readonly Func<object?[], object?>? _actionCall;
    private readonly TimeSpan? _timeout;

    /// <param name="parties">How many parties must call Wait (at least 1).</param>
    /// <param name="action">A static method run by the last party to arrive, before the others are released.</param>
    /// <param name="timeout">The default for Wait calls that give none.</param>
    public ProcessBarrier(int parties, Delegate? action = null, TimeSpan? timeout = null)
    {
        // Python 3.11 accepts parties < 1 and its barrier can then never trip; later versions refuse it.
        if (parties < 1) throw new ArgumentOutOfRangeException(nameof(parties), parties, "parties must be >= 1");
        if (action is not null)
        {
            _action = TargetMethod.From(action);
            TargetBinder.Bind(action.Method, []);
            _actionCall = TargetCalls.Resolve(_action);
        }
        Parties = parties;
        _timeout = timeout;
        _words = SharedWords.Create(Size, nameof(ProcessBarrier));
        _ownedLock = new ProcessLock();
        _condition = new ProcessCondition(_ownedLock);
    }

    private ProcessBarrier(SharedWords words, ProcessCondition condition, int parties, TargetMethod? action, TimeSpan? timeout)
    {
        _words = words;
        _condition = condition;
        Parties = parties;
        _action = action;
        _actionCall = action is null ? null : TargetCalls.Resolve(action);
        _timeout = timeout;
    }

    public int Parties { get; }

    /// <summary>Parties waiting now (0 while draining or broken; a diagnostic read without the lock).</summary>
    public int NWaiting
    {
        get
        {
            EngineScheduling.Point(EnginePoint.Read);
            return State == Filling ? Count : 0;
        }
    }

    public bool Broken
    {
        get
        {
            EngineScheduling.Point(EnginePoint.Read);
            return State == Broken_;
        }
    }

    /// <summary>
    /// Waits until all parties have called Wait, and returns this party's index. With no <paramref name="timeout"/>
    /// the barrier's default applies (null: forever; a negative timeout counts as zero); when it passes, the
    /// barrier breaks. <exception cref="BrokenBarrierError">if the barrier is or becomes broken, or is reset, while
    /// this party waits.</exception> <exception cref="TimeoutException">if the barrier's internal lock could not
    /// even be taken within the timeout (its holder was killed inside a barrier call; CPython would block
    /// forever there).</exception>
    /// </summary>
    public int Wait(TimeSpan? timeout = null)
    {
        timeout ??= _timeout;
        EngineScheduling.Point(EnginePoint.Wait);
        using (_condition.Hold(timeout))
        {
            Enter();
            var index = Count;
            Count = index + 1;
            try
            {
                if (index + 1 == Parties) ReleaseAll();
                else AwaitRelease(timeout);
                return index;
            }
            finally
            {
                Count -= 1;
                Exit();
            }
        }
    }

    /// <summary>Returns the barrier to its initial state; parties waiting now get <see cref="BrokenBarrierError"/>.</summary>
    public void Reset()
    {
        EngineScheduling.Point(EnginePoint.Notify);
        using (_condition.Hold())
        {
            if (Count > 0)
            {
                if (State == Filling || State == Broken_) State = Resetting;
            }
            else
            {
                State = Filling;
            }
            _condition.NotifyAll();
        }
    }

    /// <summary>Breaks the barrier: parties waiting now and later get <see cref="BrokenBarrierError"/> until Reset.</summary>
    public void Abort()
    {
        EngineScheduling.Point(EnginePoint.Notify);
        using (_condition.Hold()) Break();
    }

    /// <summary>Unmaps this process's view once no operation of this process uses it; other processes keep theirs.</summary>
    public void Dispose()
    {
        _words.Dispose();
        if (_ownedLock is null) return;
        _condition.Dispose();
        _ownedLock.Dispose();
    }

    public override string ToString()
    {
        try { return Broken ? "<ProcessBarrier(broken)>" : $"<ProcessBarrier(waiters={NWaiting}/{Parties})>"; }
        catch (ObjectDisposedException) { return "<ProcessBarrier(disposed)>"; }
    }

    private int State
    {
        get { using var use = _words.Enter(); return Volatile.Read(ref *use.Word(StateOffset)); }
        set { using var use = _words.Enter(); Volatile.Write(ref *use.Word(StateOffset), value); }
    }

    private int Count
    {
        get { using var use = _words.Enter(); return Volatile.Read(ref *use.Word(CountOffset)); }
        set { using var use = _words.Enter(); Volatile.Write(ref *use.Word(CountOffset), value); }
    }

    /// <summary>threading.Barrier._enter: block while the previous generation drains or a reset completes.</summary>
    private void Enter()
    {
        while (State is Resetting or Draining) _condition.Wait();
        if (State < 0) throw new BrokenBarrierError();
    }

    /// <summary>threading.Barrier._release: run the action, then let the generation drain.</summary>
    private void ReleaseAll()
    {
        try
        {
            _actionCall?.Invoke([]);
            State = Draining;
            _condition.NotifyAll();
        }
        catch
        {
            Break();
            throw;
        }
    }

    /// <summary>threading.Barrier._wait.</summary>
    private void AwaitRelease(TimeSpan? timeout)
    {
        if (!_condition.WaitFor(() => State != Filling, timeout))
        {
            Break();
            throw new BrokenBarrierError();
        }
        if (State < 0) throw new BrokenBarrierError();
    }

    /// <summary>threading.Barrier._exit: the last party out ends the draining or resetting.</summary>
    private void Exit()
    {
        if (Count == 0 && State is Resetting or Draining)
        {
            State = Filling;
            _condition.NotifyAll();
        }
    }

    private void Break()
    {
        State = Broken_;
        _condition.NotifyAll();
    }

    string IInheritable.InheritedKind => "barrier";

    object? IInheritable.ExportState(InheritanceWriter writer)
    {
        using var use = _words.Enter();
        return new object?[]
        {
            writer.Add(_words.Descriptor), _condition, Parties, _timeout?.Ticks,
            _action?.ToTuple(),
        };
    }

    /// <summary>The action is found again by name in the child (<see cref="TargetResolver"/>), as a process
    /// target is. The condition is shared with nothing else, but as an inherited object it is not disposed here.</summary>
    internal static object FromInherited(object? state, InheritanceReader reader)
    {
        var s = (object?[])state!;
        var condition = (ProcessCondition)s[1]!;
        var parties = (int)s[2]!;
        if (parties < 1) throw new InvalidCastException($"a barrier cannot have {parties} parties");
        TimeSpan? timeout = s[3] is long ticks ? TimeSpan.FromTicks(ticks) : null;
        var action = s[4] is object?[] a ? TargetMethod.FromTuple(a) : null;
        return InheritedObjects.GetOrCreateWords(reader, (int)s[0]!, words => new ProcessBarrier(words, condition, parties, action, timeout));
    }
}
