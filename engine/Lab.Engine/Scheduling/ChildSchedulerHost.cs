namespace Lab.Engine.Scheduling;

/// <summary>
/// The parent side of systematic testing across real processes (issue #5 §3): while a host is attached
/// (<see cref="ChildScheduling.Attach"/>), every <see cref="Process.Start"/> in this process gives the new child a
/// scheduler channel, and the child's engine primitives ask the host before each operation (the child installs a
/// <see cref="RemoteEngineScheduler"/> before its target runs). The host is called on the thread that calls Start,
/// after the child was spawned, and owns the channel from then on.
/// </summary>
public interface IChildSchedulerHost
{
    void ChildStarted(Process process, ChildChannel channel);
}

/// <summary>Where an <see cref="IChildSchedulerHost"/> is attached (one at a time, like <see cref="EngineScheduling"/>).
/// Nothing is attached in production: Process.Start then reads one static field.</summary>
public static class ChildScheduling
{
    /// <summary>Exit code of a scheduled child whose parent closed the channel, died, or did not answer for minutes
    /// (EX_SOFTWARE of sysexits.h): such a child exits at once instead of hanging.</summary>
    public const int ParentGoneExitCode = 70;

    private static IChildSchedulerHost? _host;

    internal static IChildSchedulerHost? Host => _host;

    /// <summary>Attaches <paramref name="host"/> until the returned handle is disposed; children started meanwhile are
    /// scheduled. Attaching a second host is an error.</summary>
    public static IDisposable Attach(IChildSchedulerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Interlocked.CompareExchange(ref _host, host, null) is { } other)
            throw new InvalidOperationException($"a child scheduler host is already attached ({other.GetType().Name}); detach it first");
        return new Detacher(host);
    }

    private sealed class Detacher(IChildSchedulerHost host) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.CompareExchange(ref _host, null, host);
        }
    }
}
