namespace Lab.Systematic.Runtime;

/// <summary>
/// An iteration did not hand control back within the iteration timeout: an operation blocked or looped in code the
/// scheduler does not control (a real lock, a sleep, I/O). This is a harness error, not a bug of the program's
/// interleavings, and it is not replayable; the stuck threads are abandoned (they are background threads).
/// </summary>
public sealed class UncontrolledBlockingException(string message) : Exception(message);
