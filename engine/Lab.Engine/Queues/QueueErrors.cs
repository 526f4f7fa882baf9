namespace Lab.Engine.Queues;

/// <summary>Get found nothing in time (CPython's queue.Empty).</summary>
public sealed class QueueEmptyError() : Exception("the queue is empty");

/// <summary>Put found no room in time (CPython's queue.Full).</summary>
public sealed class QueueFullError() : Exception("the queue is full");

/// <summary>The queue was closed in this process (CPython: ValueError "Queue ... is closed").</summary>
public sealed class QueueClosedError(string message) : InvalidOperationException(message);

/// <summary>
/// The queue's byte stream can no longer be trusted: a process died in the middle of writing or reading a message
/// (seeds 59.21 "queues corrupted"; CPython's documented hazard). Every later Put and Get in every process raises
/// this instead of returning a garbage object or hanging.
/// </summary>
public sealed class QueueBrokenError(string message) : Exception(message);
