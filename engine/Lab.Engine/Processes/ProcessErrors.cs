namespace Lab.Engine.Processes;

/// <summary>Misuse of a Process object, with CPython's messages (AssertionError/ValueError there).</summary>
public sealed class ProcessStateError(string message) : InvalidOperationException(message);

/// <summary>The child could not be started at all (worker missing, posix_spawn failed).</summary>
public sealed class ProcessStartError(string message, Exception? inner = null) : Exception(message, inner);
