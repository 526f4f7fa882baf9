namespace Lab.Systematic.Processes;

/// <summary>
/// A program whose controlled operations are real child processes (issue #5 §3). Each iteration calls
/// <see cref="Prepare"/> for fresh shared objects and children; the children's targets are static methods (so a child
/// can run them), and the engine primitives in each child ask the parent's scheduler before every operation. Operation
/// ids are the children's indexes in <see cref="ProcessCase.Children"/>. The parent (the case) is not an operation: it
/// sets up, may run uncontrolled helpers (a reader thread), and checks once every child has exited or was killed.
/// </summary>
public abstract class ProcessProgram
{
    /// <summary>What traces, tokens and `lab explore` call it (<c>processes.…</c>).</summary>
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>How `lab explore` injects faults when not told otherwise.</summary>
    public virtual FaultMode DefaultFaults => FaultMode.None;

    /// <summary>The process that <see cref="FaultMode.EveryPoint"/> kills.</summary>
    public virtual int Victim => 0;

    /// <summary>Iteration budget of `lab explore` when not told otherwise.</summary>
    public virtual int DefaultIterations => 50;

    /// <summary>Prepare runs while the scheduler's host is attached: processes it starts (a pool's workers) are scheduled
    /// children too, numbered in the order they were started.</summary>
    public abstract ProcessCase Prepare();

    /// <summary>Whether the next iteration's children may be started while this one runs. False for programs whose
    /// objects start processes later on their own (a pool replacing a worker): those would be taken for the next
    /// iteration's children.</summary>
    public virtual bool AllowPrestart => true;

    public override string ToString() => Name;
}

/// <summary>One iteration's shared objects, children and check. Disposed after the check (or after a failure).</summary>
public abstract class ProcessCase : IDisposable
{
    public abstract IReadOnlyList<ChildSpec> Children { get; }

    /// <summary>Every child has exited or was killed, and was reaped: null if what they did is right, else what is wrong
    /// (an assertion bug).</summary>
    public abstract string? Check(IReadOnlyList<ChildOutcome> outcomes);

    /// <summary>
    /// For a case whose children wait on its uncontrolled parent side (a pool's supervisor): set once the outcome the
    /// check judges is fixed (the map returned or raised). The parent's later frames (a pool's Stop, its Terminate) reach
    /// the children at moments no schedule decides, so from then on they run free and nothing more is recorded; and
    /// after a kill the scheduler waits for it, as the parent reacts to the death on its own. Null (the default): every
    /// step to the children's exits is scheduled.
    /// </summary>
    public virtual WaitHandle? Settled => null;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>A child to start: a static method and its arguments (engine IPC objects are passed this way).</summary>
public sealed record ChildSpec(string Name, Delegate Target, object?[] Args);

/// <summary>How a child ended. <see cref="Points"/> counts the scheduling requests it made (its start included).</summary>
public sealed record ChildOutcome(int Operation, string Name, int? ExitCode, bool Killed, int Points, string? Error)
{
    public bool Succeeded => !Killed && ExitCode == 0;

    public override string ToString() => $"op {Operation} '{Name}': {(Killed ? "killed" : $"exit code {ExitCode?.ToString() ?? "none"}")} after {Points} point(s){(Error is null ? "" : $", error: {Error}")}";
}
