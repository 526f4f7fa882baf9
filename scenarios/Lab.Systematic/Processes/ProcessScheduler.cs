using Lab.Engine;
using Lab.Engine.Scheduling;
using Lab.Systematic.Exploration;
using Lab.Systematic.Runtime;
using Lab.Systematic.Strategies;
using Lab.Systematic.Traces;

namespace Lab.Systematic.Processes;

/// <summary>How one iteration over real processes ended: the steps and bug (as in-process), how each child ended, and
/// whether the fault plan's kill happened.</summary>
public sealed record ProcessIterationResult(IterationResult Run, IReadOnlyList<ChildOutcome> Children, bool Killed);

/// <summary>
/// The parent-side driver of issue #5 §3: starts an iteration's children under an <see cref="IChildSchedulerHost"/>, so
/// each child's engine primitives ask it before every operation, and lets exactly one child run at a time, as the
/// strategy chooses. A child is an operation (id = its index); its pending request is its scheduling point. The same
/// <see cref="SchedulingStrategy"/>, <see cref="TraceStep"/>s and tokens as in-process; a kill is a fault plan's step.
/// <para>
/// Futex waits: a child that finds its word unchanged is blocked (not eligible) until any child wakes any word, exits or
/// is killed (spurious wake-ups are legal, the caller loops). When nothing is eligible, the lowest blocked child with a
/// timed wait is let time out (it waits out its real deadline); with none, it is a deadlock.
/// </para>
/// <para>
/// Waits on the uncontrolled parent (a pool worker reading its channel for the supervisor's next frame): the child says
/// so (<see cref="ChildMessageKind.Outside"/>) and is not eligible until its next request. So that such a program stays
/// deterministic, its case marks the moment its outcome is fixed (<see cref="ProcessCase.Settled"/>): after a kill the
/// next decision waits for it (the parent's reaction to the death is not scheduled), and from then on the children run
/// free and nothing more is recorded.
/// </para>
/// <para>
/// Bugs: the case's check failing (assertion), a deadlock, the step bound (liveness), and a hang: a running child that
/// reaches no point within <see cref="StepTimeout"/>, or does not exit within <see cref="JoinTimeout"/> (reported as
/// liveness with "hang" in the message). Every child is killed and reaped before Run returns, whatever happened.
/// </para>
/// </summary>
public sealed class ProcessScheduler : IChildSchedulerHost, IDisposable
{
    private readonly List<(Process Process, ChildChannel Channel)> started = new();
    private Batch? prestarted;
    private bool disposed;

    /// <summary>How long a running child may take to reach its next point (a child's start is included).</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The worker the cases' children run in (issue #11 §5: schedules/s with AOT children). Auto by default.</summary>
    public WorkerChoice Worker { get; init; } = WorkerChoice.Auto;

    /// <summary>How long a child that closed its channel may take to exit, and a killed one to be reaped.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wall time spent starting children until each made its first request (spawn, runtime start, bootstrap),
    /// summed over iterations; the throughput measurement resets it to see where a schedule's time goes.</summary>
    public TimeSpan StartTime { get; set; }

    /// <summary>Wall time of the scheduling loops (from every child's first request to the last exit or bug).</summary>
    public TimeSpan LoopTime { get; set; }

    /// <summary>Part of <see cref="LoopTime"/>: from granting a child its last point until its channel closed (the rest of
    /// its target, then its exit: runtime shutdown, feeder flush).</summary>
    public TimeSpan ExitTime { get; set; }

    /// <summary>Wall time spent reaping children (their exit after their last point) and in the cases' checks.</summary>
    public TimeSpan ReapTime { get; set; }

    void IChildSchedulerHost.ChildStarted(Process process, ChildChannel channel)
    {
        lock (started) started.Add((process, channel));
    }

    /// <summary>Runs one iteration; the caller has prepared <paramref name="strategy"/> and <paramref name="faults"/>.</summary>
    /// <param name="prestartNext">Once this iteration's children are at their first points, start the next iteration's
    /// children of the same program (they wait at their first point, so they change nothing here): their start-up,
    /// which is CPU work, overlaps this iteration's scheduling, which is mostly waiting. Dispose the scheduler to kill and
    /// reap children started for an iteration that never runs.</param>
    public ProcessIterationResult Run(ProcessProgram program, SchedulingStrategy strategy, FaultPlan faults, int maxSteps, bool prestartNext = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        ObjectDisposedException.ThrowIf(disposed, this);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var batch = TakePrestarted(program) ?? Launch(program);
        using var @case = batch.Case;
        var kids = batch.Kids;
        var iteration = new Iteration(this, kids) { Settled = @case.Settled };
        try
        {
            for (var i = 0; i < kids.Length; i++) strategy.OnOperationCreated(i);
            for (var i = 0; i < kids.Length; i++) iteration.AwaitRequest(i);
            StartTime += clock.Elapsed;
            if (prestartNext && program.AllowPrestart && iteration.Bug is null) prestarted = Launch(program);
            clock.Restart();
            iteration.Loop(strategy, faults, maxSteps);
            LoopTime += clock.Elapsed;
        }
        finally
        {
            var reap = System.Diagnostics.Stopwatch.StartNew();
            iteration.Finish();
            ReapTime += reap.Elapsed;
        }
        faults.CompleteIteration(iteration.FaultFired);
        strategy.CompleteIteration(iteration.Steps.Count);
        var outcomes = kids.Select((k, i) => new ChildOutcome(i, k.Process.Name, k.ExitCode, k.Killed, k.Points, k.Error)).ToList();
        var bug = iteration.Bug;
        if (bug is null && iteration.Mismatch is null && @case.Check(outcomes) is { } wrong)
            bug = new Bug(BugKind.Assertion, wrong, iteration.Steps.Count, string.Join("\n", outcomes));
        return new ProcessIterationResult(new IterationResult(iteration.Steps, kids.Length, bug, iteration.Mismatch), outcomes, iteration.FaultFired);
    }

    /// <summary>Kills and reaps the children started ahead for an iteration that did not run.</summary>
    public void Dispose()
    {
        disposed = true;
        if (Interlocked.Exchange(ref prestarted, null) is { } batch) Discard(batch);
    }

    private Batch? TakePrestarted(ProcessProgram program)
    {
        var batch = Interlocked.Exchange(ref prestarted, null);
        if (batch is null || ReferenceEquals(batch.Program, program)) return batch;
        Discard(batch);
        return null;
    }

    private void Discard(Batch batch)
    {
        try { new Iteration(this, batch.Kids).Finish(); }
        finally { batch.Case.Dispose(); }
    }

    /// <summary>Prepares a case and starts its children, both while the host is attached: processes that the case starts
    /// itself (a pool's workers) are scheduled children too, after its <see cref="ProcessCase.Children"/> in start order.
    /// On failure kills and reaps what was started.</summary>
    private Batch Launch(ProcessProgram program)
    {
        ProcessCase? @case = null;
        var owned = new HashSet<Process>();
        try
        {
            lock (started) started.Clear();
            using (ChildScheduling.Attach(this))
            {
                @case = program.Prepare();
                foreach (var spec in @case.Children)
                {
                    var process = new Process(spec.Target, spec.Args, name: spec.Name, context: Multiprocessing.GetContext(StartMethod.Spawn, Worker));
                    owned.Add(process);
                    process.Start();
                }
            }
            return new Batch(program, @case, Collect(owned));
        }
        catch
        {
            var kids = Collect(owned);
            try { new Iteration(this, kids).Finish(); }
            finally
            {
                foreach (var p in owned) p.Dispose();
                @case?.Dispose();
            }
            throw;
        }
    }

    private Kid[] Collect(HashSet<Process> owned)
    {
        lock (started)
        {
            var kids = started.Select(s => new Kid(s.Process, owned.Contains(s.Process)) { Channel = s.Channel }).ToArray();
            started.Clear();
            return kids;
        }
    }

    private sealed record Batch(ProcessProgram Program, ProcessCase Case, Kid[] Kids);

    /// <summary>Where a child is (flags, so a wait can name several).</summary>
    [Flags]
    private enum State
    {
        NotStarted = 1,
        Running = 2,
        AtPoint = 4,
        Blocked = 8,
        Woken = 16,
        /// <summary>Blocked outside the engine's points (its <see cref="ChildMessageKind.Outside"/> notice) until its next request.</summary>
        Waiting = 32,
        Exited = 64,
    }

    private sealed class Kid(Process process, bool owned)
    {
        public Process Process { get; } = process;

        /// <summary>Started by the scheduler (disposed by it); otherwise the case's (a pool's worker) and only reaped.</summary>
        public bool Owned { get; } = owned;
        public ChildChannel? Channel { get; set; }
        public State State { get; set; } = State.NotStarted;
        public SchedulingPointKind Kind { get; set; } = SchedulingPointKind.Create;
        public bool Timed { get; set; }
        public int Points { get; set; }
        public bool Killed { get; set; }
        public int? ExitCode { get; set; }
        public string? Error { get; set; }

        public bool Live => State is not (State.Exited or State.NotStarted);
    }

    /// <summary>One iteration's mutable state and its loop.</summary>
    private sealed class Iteration(ProcessScheduler owner, Kid[] kids)
    {
        public List<TraceStep> Steps { get; } = new();
        public Bug? Bug { get; private set; }
        public ScheduleMismatchException? Mismatch { get; private set; }
        public bool FaultFired { get; private set; }

        /// <summary>The case's <see cref="ProcessCase.Settled"/>: once set, the children run free (nothing is recorded).</summary>
        public WaitHandle? Settled { get; init; }

        private bool IsSettled => Settled?.WaitOne(0) == true;

        public void Loop(SchedulingStrategy strategy, FaultPlan faults, int maxSteps)
        {
            var current = 0;
            var eligible = new List<int>(kids.Length);
            var paused = new bool[kids.Length];
            var points = new int[kids.Length];
            while (Bug is null)
            {
                Drain();
                if (kids.All(k => k.State == State.Exited)) return;
                if (IsSettled)
                {
                    RunFree();
                    return;
                }
                if (Steps.Count >= maxSteps)
                {
                    Bug = new Bug(BugKind.Liveness, $"the step bound ({maxSteps}) was reached with processes still live", Steps.Count);
                    return;
                }
                var cur = kids[current];
                var kind = cur.State switch { State.Exited => SchedulingPointKind.Complete, State.Blocked or State.Waiting => SchedulingPointKind.Wait, _ => cur.Kind };
                eligible.Clear();
                for (var i = 0; i < kids.Length; i++)
                {
                    paused[i] = kids[i].State is State.AtPoint or State.Blocked or State.Woken;
                    points[i] = kids[i].Points;
                    if (kids[i].State is State.AtPoint or State.Woken) eligible.Add(i);
                }
                try
                {
                    var victim = faults.Decide(new FaultContext(Steps.Count, current, kind, paused, points));
                    if (victim >= 0)
                    {
                        Steps.Add(TraceStep.Killed(current, kind, victim));
                        FaultFired = true;
                        Kill(victim);
                        AwaitSettledAfterKill(victim);
                        continue;
                    }
                    if (eligible.Count == 0 && kids.Any(k => k.State == State.Waiting))
                    {
                        AwaitAny(State.Waiting, "every live process waited outside the engine's primitives");
                        continue;
                    }
                    if (eligible.Count == 0)
                    {
                        var timed = Array.FindIndex(kids, k => k.State == State.Blocked && k.Timed);
                        if (timed < 0)
                        {
                            Bug = new Bug(BugKind.Deadlock, "deadlock: every live process is blocked in an untimed wait", Steps.Count,
                                string.Join("\n", kids.Select((k, i) => $"op {i} '{k.Process.Name}': {k.State}")));
                            return;
                        }
                        current = timed;
                        Grant(timed, timeOut: true);
                        continue;
                    }
                    var currentEligible = eligible.Contains(current);
                    var next = strategy.NextOperation(new SchedulingContext(Steps.Count, current, kind, currentEligible, eligible.ToArray()));
                    Steps.Add(TraceStep.Scheduled(current, kind, next, currentEligible && next != current));
                    current = next;
                    Grant(next, timeOut: false);
                }
                catch (ScheduleMismatchException e)
                {
                    Mismatch = e;
                    return;
                }
            }
        }

        /// <summary>
        /// The case's outcome is fixed (<see cref="ProcessCase.Settled"/>): what the children still do is teardown that the
        /// uncontrolled parent drives (a pool's Stop frames or its Terminate), at moments no schedule decides. Every request
        /// is granted at once, lowest child first, and nothing is recorded, so the trace holds only decisions that the
        /// schedule determines and replays.
        /// </summary>
        private void RunFree()
        {
            while (Bug is null)
            {
                Drain();
                if (kids.All(k => k.State == State.Exited)) return;
                var next = Array.FindIndex(kids, k => k.State is State.AtPoint or State.Woken);
                if (next >= 0)
                {
                    Grant(next, timeOut: false);
                    continue;
                }
                var timed = Array.FindIndex(kids, k => k.State == State.Blocked && k.Timed);
                if (timed >= 0)
                {
                    Grant(timed, timeOut: true);
                    continue;
                }
                AwaitAny(State.Waiting | State.Blocked, "after the case settled, every live process stayed blocked", stopWhenSettled: false);
            }
        }

        /// <summary>
        /// After a kill, for a case with <see cref="Settled"/>: the parent reacts to the death on its own (a pool's
        /// supervisor fails the map and terminates the other workers), so the next decision waits until it has: deciding
        /// while it reacts would depend on timing. A parent that does not settle in time has hung.
        /// </summary>
        private void AwaitSettledAfterKill(int victim)
        {
            if (Settled is null || Bug is not null) return;
            if (!Settled.WaitOne(owner.StepTimeout))
                Bug = new Bug(BugKind.Liveness, $"hang: the parent did not settle within {owner.StepTimeout.TotalSeconds:0} s after process {victim} '{kids[victim].Process.Name}' was killed", Steps.Count,
                    string.Join("\n", kids.Select((k, i) => $"op {i} '{k.Process.Name}': {k.State}")));
        }

        /// <summary>Nothing is eligible: the first message (or exit) of any child in one of <paramref name="states"/>, or,
        /// with <paramref name="stopWhenSettled"/>, the case settling.</summary>
        private void AwaitAny(State states, string what, bool stopWhenSettled = true)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < owner.StepTimeout)
            {
                if (stopWhenSettled && IsSettled) return;
                for (var i = 0; i < kids.Length; i++)
                {
                    if ((kids[i].State & states) == 0) continue;
                    try
                    {
                        Handle(i, kids[i].Channel!.Receive(TimeSpan.FromMilliseconds(10)));
                        return;
                    }
                    catch (TimeoutException)
                    {
                    }
                }
            }
            Bug ??= new Bug(BugKind.Liveness, $"hang: {what} for {owner.StepTimeout.TotalSeconds:0} s", Steps.Count,
                string.Join("\n", kids.Select((k, i) => $"op {i} '{k.Process.Name}': {k.State}")));
        }

        /// <summary>Waits for child <paramref name="i"/>'s next request (handling its wake notices), its notice that it
        /// blocks outside the engine's points, or its exit.</summary>
        public void AwaitRequest(int i)
        {
            var kid = kids[i];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (kid.State is State.Running or State.NotStarted)
            {
                ChildMessage? message;
                try
                {
                    message = kid.Channel!.Receive(owner.StepTimeout);
                }
                catch (TimeoutException)
                {
                    Bug ??= new Bug(BugKind.Liveness, $"hang: process {i} '{kid.Process.Name}' reached no scheduling point for {owner.StepTimeout.TotalSeconds:0} s " +
                                                       "(blocked or looping outside the engine's primitives)", Steps.Count);
                    Kill(i);
                    return;
                }
                Handle(i, message);
            }
            if (kid.State == State.Exited) owner.ExitTime += clock.Elapsed;
        }

        private void Grant(int i, bool timeOut)
        {
            var kid = kids[i];
            kid.State = State.Running;
            // A child that died meanwhile cannot be written to; AwaitRequest then reads its EOF.
            _ = timeOut ? kid.Channel!.TimeOut() : kid.Channel!.Go();
            AwaitRequest(i);
        }

        private void Handle(int i, ChildMessage? message)
        {
            var kid = kids[i];
            if (message is not { } m)
            {
                kid.State = State.Exited;
                WakeBlocked();
                return;
            }
            switch (m.Kind)
            {
                case ChildMessageKind.Woke:
                    WakeBlocked();
                    break;
                case ChildMessageKind.Outside:
                    if (kid.State == State.Running) kid.State = State.Waiting;
                    break;
                case ChildMessageKind.Blocked:
                    kid.State = State.Blocked;
                    kid.Timed = m.Timed;
                    kid.Kind = SchedulingPointKind.Wait;
                    kid.Points++;
                    break;
                default:
                    kid.State = State.AtPoint;
                    kid.Kind = m.Kind == ChildMessageKind.Started ? SchedulingPointKind.Create : Map(m.Point);
                    kid.Points++;
                    break;
            }
        }

        /// <summary>Messages that paused children sent on their own (a wake from a second thread), and their exits.</summary>
        private void Drain()
        {
            for (var i = 0; i < kids.Length; i++)
            {
                var kid = kids[i];
                if (kid.State == State.Exited || kid.Channel is null) continue;
                while (kid.State != State.Exited && kid.Channel.TryReceive(out var message)) Handle(i, message);
                if (kid.Channel.EofSeen && kid.State != State.Exited) Handle(i, null);
            }
        }

        private void WakeBlocked()
        {
            foreach (var k in kids)
                if (k.State == State.Blocked) k.State = State.Woken;
        }

        private void Kill(int i)
        {
            var kid = kids[i];
            kid.Killed = true;
            try
            {
                kid.Process.Kill();
                if (!kid.Process.Join(owner.JoinTimeout))
                    Bug ??= new Bug(BugKind.Liveness, $"hang: process {i} '{kid.Process.Name}' was not reaped {owner.JoinTimeout.TotalSeconds:0} s after SIGKILL", Steps.Count);
            }
            catch (Lab.Engine.Processes.ProcessStateError) when (!kid.Owned)
            {
                // The case's own object (a pool) owns this process: its supervisor may see the death, reap the
                // child and close the process object between our SIGKILL and our join. Closed means reaped.
            }
            kid.State = State.Exited;
            WakeBlocked();
        }

        /// <summary>Kills what is still live (after a bug or a mismatch), reaps every child, closes every channel.</summary>
        public void Finish()
        {
            for (var i = 0; i < kids.Length; i++)
            {
                var kid = kids[i];
                if (kid is null) continue;
                try
                {
                    if (kid.Process.Pid is null) continue;
                    if (!kid.Process.Join(kid.State == State.Exited && !kid.Killed ? owner.JoinTimeout : TimeSpan.Zero))
                    {
                        if (kid.State == State.Exited)
                            Bug ??= new Bug(BugKind.Liveness, $"hang: process {i} '{kid.Process.Name}' closed its channel but did not exit within {owner.JoinTimeout.TotalSeconds:0} s", Steps.Count);
                        kid.Process.Kill();
                        kid.Process.Join(owner.JoinTimeout);
                    }
                    kid.ExitCode = kid.Process.ExitCode;
                    kid.Error = kid.Process.Error is { } e ? $"{e.Type}: {e.Message}" : null;
                }
                catch (Lab.Engine.Processes.ProcessStateError) when (!kid.Owned)
                {
                    // The case's own object (a pool) closed its process object: it has reaped it.
                }
                finally
                {
                    kid.Channel?.Dispose();
                    if (kid.Owned) kid.Process.Dispose();
                }
            }
        }

        private static SchedulingPointKind Map(EnginePoint point) => point switch
        {
            EnginePoint.Read or EnginePoint.Receive or EnginePoint.Collect => SchedulingPointKind.Read,
            EnginePoint.Write or EnginePoint.Send or EnginePoint.Dispatch => SchedulingPointKind.Write,
            EnginePoint.Acquire => SchedulingPointKind.Acquire,
            EnginePoint.Release => SchedulingPointKind.Release,
            EnginePoint.Wait => SchedulingPointKind.Wait,
            EnginePoint.Notify => SchedulingPointKind.Notify,
            _ => SchedulingPointKind.Yield,
        };
    }
}
