namespace Lab.Systematic.Runtime;

/// <summary>
/// Why an operation reached a scheduling point: the operation it is about to perform. Recorded in every trace step and
/// checked on replay (Coyote's <c>sp(Type)</c>; Coyote has Create, Start, Yield, Read, Write, Acquire, Send, Receive,
/// Complete… — ours are the seam's operations). A scheduling point comes before the operation it names, so the
/// scheduler may run someone else first.
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
}
