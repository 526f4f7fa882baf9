namespace Lab.Engine.Managers;

/// <summary>The manager cannot serve a call: it was shut down, its process died, or it cannot be reached
/// (CPython raises EOFError, ConnectionRefusedError or BrokenPipeError there, depending on where the call was).</summary>
public class ManagerError(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The HMAC challenge failed: one side does not hold the manager's key (CPython's AuthenticationError).</summary>
public sealed class ManagerAuthenticationError(string message) : ManagerError(message);

/// <summary>A method raised in the manager's process (CPython re-raises the server's exception in the caller; the
/// engine cannot rebuild an arbitrary type from bytes, so it names it). <see cref="RemoteType"/> is the exception
/// kind with CPython's name where one corresponds ("IndexError", "KeyError", "AttributeError", "RuntimeError").</summary>
public sealed class ManagerCallError(string remoteType, string message) : Exception($"{remoteType}: {message}")
{
    public string RemoteType { get; } = remoteType;

    public string RemoteMessage { get; } = message;
}
