namespace Lab.Engine.Scheduling;

/// <summary>
/// The parent side of systematic testing across real processes (issue #5 §3): while a host is attached
/// (<see cref="ChildScheduling.Attach"/>), every <see cref="Process.Start"/> in this process gives the new child a
/// scheduler channel, and the child's engine primitives ask the host before each operation (the child installs a
/// <see cref="RemoteEngineScheduler"/> before its target runs). The host is called on the thread that calls Start,
/// after the child was spawned, and owns the channel from then on.
/// </summary>
internal interface IChildSchedulerHost
{
    void ChildStarted(Process process, ChildChannel channel);
}

/// <summary>
/// Where an <see cref="IChildSchedulerHost"/> is attached: to the attaching code's flow of execution (an AsyncLocal),
/// so it reaches the processes that this code starts, on its own thread and on the threads it creates (a pool's
/// supervisor starts the pool's workers; threads inherit the execution context), and no others. A process-wide host
/// also captured the children of unrelated code running at the same time in the same process (the test suite runs
/// test classes in parallel: a pool test's forkserver workers were refused as "scheduled"). Nothing is attached in
/// production: Process.Start then reads one AsyncLocal.
/// </summary>
internal static class ChildScheduling
{
    /// <summary>Exit code of a scheduled child whose parent closed the channel, died, or did not answer for minutes
    /// (EX_SOFTWARE of sysexits.h): such a child exits at once instead of hanging.</summary>
    public const int ParentGoneExitCode = 70;

    private static readonly AsyncLocal<Attachment?> Current = new();

    internal static IChildSchedulerHost? Host => Current.Value is { Detached: false } attachment ? attachment.Host : null;

    /// <summary>Attaches <paramref name="host"/> to this flow until the returned handle is disposed; children started
    /// meanwhile from it are scheduled. Attaching a second host in the same flow is an error.</summary>
    public static IDisposable Attach(IChildSchedulerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Host is { } other)
            throw new InvalidOperationException($"a child scheduler host is already attached ({other.GetType().Name}); detach it first");
        var attachment = new Attachment(host);
        Current.Value = attachment;
        return attachment;
    }

    /// <summary>One attachment. Disposing it detaches it everywhere at once: threads started meanwhile carry a copy of
    /// the flow (a pool's supervisor that later replaces a worker), and that copy must not schedule children any more.</summary>
    private sealed class Attachment(IChildSchedulerHost host) : IDisposable
    {
        private volatile bool _detached;

        public IChildSchedulerHost Host { get; } = host;

        public bool Detached => _detached;

        public void Dispose()
        {
            _detached = true;
            if (ReferenceEquals(Current.Value, this)) Current.Value = null;
        }
    }
}
