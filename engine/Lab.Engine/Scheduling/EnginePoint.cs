namespace Lab.Engine.Scheduling;

/// <summary>
/// What an engine primitive is about to do when it reaches a scheduling point (issue #5 §2). A point comes
/// <em>before</em> the operation it names, so an attached scheduler may run someone else first. Everything between two
/// points is one atomic step for the scheduler.
/// </summary>
internal enum EnginePoint
{
    /// <summary>An atomic read of a shared word.</summary>
    Read,

    /// <summary>An atomic write or read-modify-write (exchange, compare-exchange, add) of a shared word.</summary>
    Write,

    /// <summary>Taking a lock or a semaphore (the first attempt).</summary>
    Acquire,

    /// <summary>Releasing a lock or a semaphore.</summary>
    Release,

    /// <summary>Waiting on a condition, an event or a barrier.</summary>
    Wait,

    /// <summary>Waking waiters (notify, set, release with sleepers).</summary>
    Notify,

    /// <summary>Writing bytes of a message to a pipe (one point per chunk of a large message).</summary>
    Send,

    /// <summary>Reading a message from a pipe.</summary>
    Receive,

    /// <summary>Handing work to another process (a queue put, a pool dispatching a task).</summary>
    Dispatch,

    /// <summary>Taking in a result from another process (a pool collecting a result).</summary>
    Collect,
}
