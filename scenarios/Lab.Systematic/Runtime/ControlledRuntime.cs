using Lab.Systematic.Exploration;
using Lab.Systematic.Primitives;
using Lab.Systematic.Seam;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Runtime;

/// <summary>
/// The runtime seam of one iteration: what a program under test calls to spawn, join, yield, assert and draw
/// controlled values, and what the controlled primitives call at their scheduling points.
/// <para>
/// The model is Coyote's (microsoft/coyote, "Concurrency unit testing" and "How Coyote works"): only one controlled
/// operation runs at a time; it runs until it reaches a scheduling point; there the strategy picks which eligible
/// operation runs next, and every such decision is recorded as a trace step. Everything between two scheduling points
/// is therefore atomic, and a program is explored correctly only if every access to shared state goes through the
/// seam (<see cref="Primitives.SharedVariable{T}"/>, locks, conditions, semaphores) and nothing blocks outside it.
/// </para>
/// <para>
/// Not thread-safe by design: it is only ever touched by the thread that holds the scheduler's token, and the token's
/// hand-offs (<see cref="Baton"/>) order every access.
/// </para>
/// </summary>
public sealed class ControlledRuntime : ISchedulingSeam
{
    private readonly List<ControlledOperation> operations = [];
    private readonly List<TraceStep> steps = [];
    private readonly SchedulingStrategy strategy;
    private readonly CarrierPool pool;
    private readonly Baton driver;
    private readonly int maxSteps;
    private int[] eligible = new int[8];
    private int live;
    private long timedBlocks;

    internal ControlledRuntime(SchedulingStrategy strategy, CarrierPool pool, Baton driver, int maxSteps)
    {
        this.strategy = strategy;
        this.pool = pool;
        this.driver = driver;
        this.maxSteps = maxSteps;
    }

    /// <summary>The operation that calls (the one holding the token).</summary>
    public ControlledOperation CurrentOperation => Enter();

    internal ControlledOperation? Current { get; set; }

    internal IReadOnlyList<TraceStep> Steps => steps;

    internal IReadOnlyList<ControlledOperation> Operations => operations;

    internal Bug? Bug { get; private set; }

    internal ScheduleMismatchException? Mismatch { get; private set; }

    /// <summary>Set once a bug or a replay mismatch ends the iteration; every scheduling point then cancels its caller.</summary>
    internal bool Stopping => Bug is not null || Mismatch is not null;

    internal bool HasLiveOperations => live > 0;

    /// <summary>Starts a new operation running <paramref name="body"/> (a Create scheduling point: it may run at once).</summary>
    public ControlledOperation Spawn(Action body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var me = Enter();
        var operation = Create(body, name);
        Schedule(me, SchedulingPointKind.Create);
        return operation;
    }

    /// <summary>Blocks until <paramref name="operation"/> has completed.</summary>
    public void Join(ControlledOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var me = Enter();
        if (operation == me) throw new InvalidOperationException($"{me} cannot join itself");
        Schedule(me, SchedulingPointKind.Join);
        while (!operation.IsCompleted) Block(me, operation, SchedulingPointKind.Join);
    }

    /// <summary>A scheduling point at which the caller steps aside: if any other operation is enabled, one of them runs
    /// first. This is what makes a polling loop (<c>while (!flag.Read()) rt.Yield();</c>) progress under every strategy.</summary>
    public void Yield() => Schedule(Enter(), SchedulingPointKind.Yield);

    /// <summary>Records an assertion failure (a bug) and ends the iteration if <paramref name="condition"/> is false.</summary>
    public void Assert(bool condition, string message)
    {
        var me = Enter();
        if (condition) return;
        Fail(new Bug(BugKind.Assertion, message, steps.Count, $"in {me}"));
        throw new ExecutionCanceledException();
    }

    /// <summary>A controlled boolean: a choice of the strategy, recorded and replayed like a scheduling decision.</summary>
    public bool NextBool() => NextValue(2, isBool: true) != 0;

    /// <summary>A controlled integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        return NextValue(maxExclusive, isBool: false);
    }

    /// <summary>A scheduling point of kind <paramref name="kind"/> for the calling operation: the primitives' hook.</summary>
    public void SchedulingPoint(SchedulingPointKind kind) => Schedule(Enter(), kind);

    /// <summary>Marks the caller blocked on <paramref name="resource"/> and runs someone else; returns once the caller was
    /// woken (<see cref="WakeAll"/>, <see cref="Wake"/>) and scheduled again. Callers re-check their condition in a loop.
    /// If no operation is left enabled, that is a deadlock.</summary>
    public void BlockOn(IControlledResource resource, SchedulingPointKind kind)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Block(Enter(), resource, kind);
    }

    /// <summary>
    /// Starts a new operation without a scheduling point: it becomes eligible at the caller's next point. For seams that
    /// start a thread where the caller must not be switched out (the engine starts a queue's feeder inside a monitor
    /// lock, and a controlled operation parked while holding a real lock would block the next one for real).
    /// </summary>
    public ControlledOperation SpawnWithoutPoint(Action body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Enter();
        return Create(body, name);
    }

    /// <summary>
    /// <see cref="BlockOn"/> for a wait with a timeout. The caller stays blocked until woken, or until every live
    /// operation is blocked: then, instead of a deadlock, the timed waiter that blocked first times out (it is enabled
    /// again and this returns false). So a time-out happens only when nothing else can run, which is a schedule a
    /// real run can take (its timeout may be shorter than any other thread's progress); time-outs racing with runnable
    /// operations are not explored. The choice is a function of the schedule so far, so it replays exactly.
    /// </summary>
    /// <returns>true if woken, false if timed out.</returns>
    public bool BlockOnTimed(IControlledResource resource, SchedulingPointKind kind)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var me = Enter();
        me.TimedOut = false;
        me.TimedSince = ++timedBlocks;
        try
        {
            Block(me, resource, kind);
            return !me.TimedOut;
        }
        finally
        {
            me.TimedSince = null;
        }
    }

    /// <summary>Makes every operation blocked on <paramref name="resource"/> enabled again (they re-check when they run).</summary>
    public void WakeAll(IControlledResource resource)
    {
        foreach (var operation in operations)
            if (operation.Status == OperationStatus.Blocked && ReferenceEquals(operation.BlockedOn, resource))
                Unblock(operation);
    }

    /// <summary>Makes <paramref name="operation"/> enabled again if it is blocked.</summary>
    public void Wake(ControlledOperation operation)
    {
        if (operation.Status == OperationStatus.Blocked) Unblock(operation);
    }

    ISeamOperation ISchedulingSeam.Spawn(Action body, string name) => Spawn(body, name);

    ISeamLock ISchedulingSeam.NewLock(string name) => new ControlledLock(this, name);

    ISeamCondition ISchedulingSeam.NewCondition(ISeamLock @lock, string name) => new ControlledCondition(this,
        @lock as ControlledLock ?? throw new ArgumentException($"a condition of this seam needs a lock of this seam, not a {@lock.GetType().Name}", nameof(@lock)), name);

    ISeamSemaphore ISchedulingSeam.NewSemaphore(int initialCount, int? maxCount, string name) => new ControlledSemaphore(this, initialCount, maxCount, name);

    ISeamVariable<T> ISchedulingSeam.NewVariable<T>(T initial, string name) => new SharedVariable<T>(this, initial, name);

    internal ControlledOperation CreateMain(Action body) => Create(body, "main");

    /// <summary>Runs one operation on its carrier thread, then completes it (see <see cref="Finish"/>).</summary>
    internal void Execute(ControlledOperation operation)
    {
        if (!Stopping)
        {
            try
            {
                operation.Body();
            }
            catch (ExecutionCanceledException)
            {
            }
            catch (Exception e) when (!Stopping)
            {
                Fail(new Bug(BugKind.UnhandledException, $"{e.GetType().Name}: {FirstLine(e.Message)}", steps.Count, $"in {operation}: {e}"));
            }
            catch (Exception)
            {
                // An exception while unwinding a stopped iteration is a consequence of the first bug, not a new one.
            }
        }
        Finish(operation);
    }

    private ControlledOperation Create(Action body, string? name)
    {
        var operation = new ControlledOperation(this, operations.Count, name ?? $"op{operations.Count}", body);
        operations.Add(operation);
        live++;
        var carrier = pool.Rent();
        carrier.Operation = operation;
        operation.Carrier = carrier;
        strategy.OnOperationCreated(operation.Id);
        return operation;
    }

    /// <summary>The calling operation, after checking that it is the one holding the token.</summary>
    private ControlledOperation Enter()
    {
        var carrier = Carrier.Current;
        var me = carrier?.Operation;
        if (me is null || me.Runtime != this || me != Current)
            throw new InvalidOperationException(
                "a controlled operation was called from a thread the scheduler does not control; spawn work with ControlledRuntime.Spawn, not with threads or tasks");
        if (Stopping) throw new ExecutionCanceledException();
        return me;
    }

    private void Block(ControlledOperation me, IControlledResource resource, SchedulingPointKind kind)
    {
        me.Status = OperationStatus.Blocked;
        me.BlockedOn = resource;
        Schedule(me, kind);
    }

    private static void Unblock(ControlledOperation operation)
    {
        operation.Status = OperationStatus.Enabled;
        operation.BlockedOn = null;
    }

    /// <summary>A scheduling point: choose, record, and hand the token over if someone else was chosen.</summary>
    private void Schedule(ControlledOperation me, SchedulingPointKind kind)
    {
        var next = ChooseNext(me, kind) ?? throw new ExecutionCanceledException();
        if (next == me) return;
        Current = next;
        next.Carrier!.Baton.Release();
        me.Carrier!.Baton.Wait();
        if (Stopping) throw new ExecutionCanceledException();
    }

    /// <summary>The next operation, or null when the iteration stops here: all done, a deadlock, the step bound, or a
    /// strategy that cannot follow (the last three are recorded in <see cref="Bug"/> or <see cref="Mismatch"/>).</summary>
    private ControlledOperation? ChooseNext(ControlledOperation me, SchedulingPointKind kind)
    {
        var count = CollectEligible(me, kind, out var currentEligible);
        if (count == 0 && live > 0 && TimeOutOldestTimedWaiter()) count = CollectEligible(me, kind, out currentEligible);
        if (count == 0)
        {
            if (live > 0) Fail(new Bug(BugKind.Deadlock, "every live operation is blocked: " + DescribeBlocked(), steps.Count));
            return null;
        }
        if (steps.Count >= maxSteps)
        {
            Fail(new Bug(BugKind.Liveness, $"the step bound {maxSteps} was reached while operations were still enabled: " + DescribeEnabled(), steps.Count));
            return null;
        }
        int choice;
        try
        {
            choice = strategy.NextOperation(new SchedulingContext(steps.Count, me.Id, kind, currentEligible, eligible.AsSpan(0, count)));
        }
        catch (ScheduleMismatchException e)
        {
            Mismatch = e;
            return null;
        }
        if (Array.BinarySearch(eligible, 0, count, choice) < 0)
        {
            Mismatch = new ScheduleMismatchException(steps.Count + 1, $"{strategy.IterationLabel} chose op {choice}, which is not eligible");
            return null;
        }
        steps.Add(TraceStep.Scheduled(me.Id, kind, choice, preemption: currentEligible && choice != me.Id));
        return operations[choice];
    }

    /// <summary>Fills <see cref="eligible"/> with enabled operation ids, ascending; a yielding caller steps aside if it can.</summary>
    private int CollectEligible(ControlledOperation me, SchedulingPointKind kind, out bool currentEligible)
    {
        if (eligible.Length < operations.Count) eligible = new int[operations.Count * 2];
        var count = 0;
        foreach (var operation in operations)
            if (operation.Status == OperationStatus.Enabled) eligible[count++] = operation.Id;
        currentEligible = me.Status == OperationStatus.Enabled;
        if (kind == SchedulingPointKind.Yield && currentEligible && count > 1)
        {
            var at = Array.BinarySearch(eligible, 0, count, me.Id);
            Array.Copy(eligible, at + 1, eligible, at, count - at - 1);
            count--;
            currentEligible = false;
        }
        return count;
    }

    /// <summary>Every live operation is blocked: the oldest timed waiter, if any, times out (see <see cref="BlockOnTimed"/>).</summary>
    private bool TimeOutOldestTimedWaiter()
    {
        ControlledOperation? oldest = null;
        foreach (var operation in operations)
            if (operation.Status == OperationStatus.Blocked && operation.TimedSince is { } since && (oldest is null || since < oldest.TimedSince))
                oldest = operation;
        if (oldest is null) return false;
        oldest.TimedOut = true;
        Unblock(oldest);
        return true;
    }

    private int NextValue(int maxExclusive, bool isBool)
    {
        var me = Enter();
        if (steps.Count >= maxSteps)
        {
            Fail(new Bug(BugKind.Liveness, $"the step bound {maxSteps} was reached while operations were still enabled: " + DescribeEnabled(), steps.Count));
            throw new ExecutionCanceledException();
        }
        int value;
        try
        {
            value = strategy.NextValue(new ValueContext(steps.Count, me.Id, maxExclusive, isBool));
        }
        catch (ScheduleMismatchException e)
        {
            Mismatch = e;
            throw new ExecutionCanceledException();
        }
        if (value < 0 || value >= maxExclusive)
        {
            Mismatch = new ScheduleMismatchException(steps.Count + 1, $"{strategy.IterationLabel} chose value {value}, outside [0, {maxExclusive})");
            throw new ExecutionCanceledException();
        }
        steps.Add(TraceStep.Value(me.Id, isBool ? StepType.Bool : StepType.Int, value));
        return value;
    }

    /// <summary>
    /// Completes an operation on its own carrier, then passes the token on: to the next operation (a Complete step), or
    /// back to the driver when the iteration is over or stopping. The carrier goes back to the pool before the token
    /// leaves this thread, and this thread touches nothing of the runtime afterwards.
    /// </summary>
    private void Finish(ControlledOperation operation)
    {
        operation.Status = OperationStatus.Completed;
        operation.BlockedOn = null;
        live--;
        WakeAll(operation);
        var carrier = operation.Carrier!;
        operation.Carrier = null;
        carrier.Operation = null;
        pool.Return(carrier);
        var next = Stopping ? null : ChooseNext(operation, SchedulingPointKind.Complete);
        if (next is not null)
        {
            Current = next;
            next.Carrier!.Baton.Release();
            return;
        }
        Current = null;
        driver.Release();
    }

    private void Fail(Bug bug)
    {
        if (!Stopping) Bug = bug;
    }

    private string DescribeBlocked() => string.Join("; ", operations
        .Where(o => o.Status == OperationStatus.Blocked)
        .Select(o => $"{o} waits for {o.BlockedOn?.DescribeWait() ?? "nothing"}"));

    private string DescribeEnabled() => string.Join(", ", operations.Where(o => o.Status == OperationStatus.Enabled).Select(o => o.ToString()));

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }
}
