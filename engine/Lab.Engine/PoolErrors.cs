namespace Lab.Engine;

/// <summary>The pool is used in a state that does not allow it: a submission after Close/Terminate ("Pool not
/// running"), Join before Close/Terminate ("Pool is still running"). CPython raises ValueError for both
/// (multiprocessing/pool.py, Pool._check_running and Pool.join).</summary>
public sealed class PoolStateError(string message) : InvalidOperationException(message);

/// <summary>
/// A pool worker died while it held tasks (or its initializer failed): every pending result fails with this error
/// and later submissions raise it. CPython's Pool hangs forever instead (cpython #96062, bpo-22393); this is
/// concurrent.futures' BrokenProcessPool rule, with the dead worker's pid and exit code in the message.
/// </summary>
public sealed class BrokenPoolError : Exception
{
    public BrokenPoolError(int pid, int? exitCode, string message) : base(message)
    {
        Pid = pid;
        ExitCode = exitCode;
    }

    /// <summary>The pid of the worker whose death broke the pool.</summary>
    public int Pid { get; }

    /// <summary>Its exit code as Process.ExitCode reports it (-N for death by signal N; null if it could not be reaped).</summary>
    public int? ExitCode { get; }

    internal static string Describe(int? exitCode) => exitCode is { } c ? $"exit code {c}" : "an unknown exit code (not reaped in time)";
}

/// <summary>
/// An exception raised by a task in a worker. Used as the InnerException of the re-created exception to carry the
/// remote traceback (CPython attaches a RemoteTraceback as __cause__, pool.py ExceptionWithTraceback), and thrown
/// itself when the remote exception type cannot be re-created in the parent.
/// </summary>
public sealed class RemoteTaskError : Exception
{
    public RemoteTaskError(string remoteType, string message, string remoteTraceback)
        : base($"{remoteType}: {message}\n--- remote traceback ---\n{remoteTraceback}")
    {
        RemoteType = remoteType;
        RemoteMessage = message;
        RemoteTraceback = remoteTraceback;
    }

    /// <summary>The full name of the exception type raised in the worker.</summary>
    public string RemoteType { get; }

    /// <summary>The remote exception's own message.</summary>
    public string RemoteMessage { get; }

    /// <summary>The worker-side Exception.ToString(): type, message and stack trace.</summary>
    public string RemoteTraceback { get; }
}
