namespace Lab.Systematic.Runtime;

/// <summary>
/// Why an operation reached a scheduling point: the operation it is about to perform. Recorded in every trace step and
/// checked on replay (Coyote's <c>sp(Type)</c>; Coyote has Create, Start, Yield, Read, Write, Acquire, Send, Receive,
/// Complete… — ours are the seam's operations). A scheduling point comes before the operation it names, so the
/// scheduler may run someone else first. New kinds go at the end: a trace token stores the kind in 4 bits
/// (<see cref="Traces.ReplayToken"/>), so there is room for 16 and the existing numbers must not move.
/// </summary>
public enum SchedulingPointKind
{
    /// <summary>An operation was spawned (it is enabled from this step on).</summary>
    Create,

    /// <summary>Waiting for another operation to complete.</summary>
    Join,

    /// <summary>An explicit yield: the caller is not eligible at this point if anyone else is enabled.</summary>
    Yield,

    /// <summary>Read of a <see cref="Primitives.SharedVariable{T}"/>.</summary>
    Read,

    /// <summary>Write (or atomic read-modify-write) of a <see cref="Primitives.SharedVariable{T}"/>.</summary>
    Write,

    /// <summary>Acquire of a lock or semaphore.</summary>
    Acquire,

    /// <summary>Release of a lock or semaphore.</summary>
    Release,

    /// <summary>Wait on a condition.</summary>
    Wait,

    /// <summary>Notify of a condition.</summary>
    Notify,

    /// <summary>The operation's body returned (or it was cut short); it is never enabled again.</summary>
    Complete,

    /// <summary>The engine writes (part of) a message to a pipe (<c>EnginePoint.Send</c>, issue #5 §2).</summary>
    Send,

    /// <summary>The engine reads a message from a pipe (<c>EnginePoint.Receive</c>).</summary>
    Receive,

    /// <summary>The engine hands work to another process (<c>EnginePoint.Dispatch</c>).</summary>
    Dispatch,

    /// <summary>The engine takes in a result from another process (<c>EnginePoint.Collect</c>).</summary>
    Collect,
}
