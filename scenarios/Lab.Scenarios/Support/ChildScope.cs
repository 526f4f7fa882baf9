using Lab.Engine;

namespace Lab.Scenarios.Support;

/// <summary>
/// Every process a scenario starts goes through a scope, and leaving the scope kills and reaps whatever is
/// still running, pass or fail (house rule 4). Joins share the scenario's deadline.
/// </summary>
public sealed class ChildScope(ProcessContext context, TimeSpan budget) : IDisposable
{
    /// <summary>Scenarios kill parents of daemons and crash forking processes on purpose: whatever they orphan
    /// is adopted and reaped by this process rather than left to PID 1.</summary>
    static ChildScope() => Lab.Engine.Diagnostics.OrphanReaper.Enable();

    private readonly List<Process> _processes = [];
    private readonly List<Lab.Engine.Connections.Connection> _connections = [];
    private readonly long _deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;

    public ProcessContext Context => context;

    public TimeSpan Remaining => TimeSpan.FromMilliseconds(Math.Max(0, _deadline - Environment.TickCount64));

    public Process Start(Delegate target, object?[]? args = null, bool daemon = false, Lab.Engine.Processes.ProcessOutput output = Lab.Engine.Processes.ProcessOutput.Inherit)
    {
        var p = context.Process(target, args, daemon: daemon, output: output);
        _processes.Add(p);
        p.Start();
        return p;
    }

    /// <summary>Starts a child whose last argument is one end of a new duplex pipe, and returns the other end. The
    /// parent's copy of the child's end is closed at once, so the child's exit is an end of file here; the scope
    /// closes the returned end.</summary>
    public (Process Child, Lab.Engine.Connections.Connection Connection) StartConnected(Delegate target, params object?[] args)
    {
        var (mine, theirs) = Lab.Engine.Connections.Pipe.Create();
        _connections.Add(mine);
        using (theirs)
            return (Start(target, [.. args, theirs]), mine);
    }

    /// <summary>Joins within what is left of the budget; false means the child is still running (a hang).</summary>
    public bool Join(Process p) => p.Join(Remaining);

    public void Dispose()
    {
        foreach (var p in _processes) p.Dispose();
        foreach (var c in _connections) c.Dispose();
    }
}
